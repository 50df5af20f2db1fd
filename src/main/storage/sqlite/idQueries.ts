import type { Database } from '../../sqlite/driver'
import type { IdKind } from '../storage'
import { prepared } from './statements'

// Both id columns are UNIQUE: a range on them is an index seek, whatever the table's size.
const TABLE: Record<IdKind, string> = { session: 'sessions', message: 'messages' }

/**
 * Ids starting with `prefix`. Not `LIKE prefix || '%'`: ids hold `_`, a LIKE wildcard, and LIKE
 * ignores case and the index; the range [prefix, prefix + U+10FFFF) finds the same ids in order.
 */
export function idsWithPrefix(db: Database, kind: IdKind, prefix: string, limit: number): string[] {
  return prepared<{ id: string }>(
    db,
    `SELECT id FROM ${TABLE[kind]}
     WHERE id >= @prefix AND id < @upper AND substr(id, 1, length(@prefix)) = @prefix
     ORDER BY id LIMIT @limit`,
  )
    .all({ prefix, upper: `${prefix}\u{10FFFF}`, limit: Math.max(0, limit) })
    .map((row) => row.id)
}
