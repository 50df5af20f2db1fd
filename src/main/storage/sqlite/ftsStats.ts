import type { Database } from '../../sqlite/driver'
import { RANK_WINDOW } from '../searchRank'
import type { CollectionStats } from '../searchRank'
import type { FtsTerm } from './ftsQuery'
import { prepared } from './statements'

/**
 * The collection statistics bm25 needs, at a cost that does not grow with the number of hits.
 * FTS5's own bm25() counts every message holding each term on every query (about 25 ms for
 * "the" over a million messages); here:
 * - documents and average length come from FTS5's "averages" record (one row, kept by FTS5);
 * - a term's message count is exact when it is in fewer than RANK_WINDOW messages, and otherwise
 *   estimated from how densely its newest RANK_WINDOW matches lie among the newest messages.
 */
export function collectionStats(db: Database, terms: readonly FtsTerm[]): CollectionStats {
  const { documents, averageLength } = averages(db)
  // Two statements: SQLite answers a lone min() or max() of the key from the b-tree's edge, but
  // both in one SELECT scan the table.
  const low = prepared<number | null>(db, 'SELECT min(seq) FROM messages').pluck().get() ?? null
  const high = prepared<number | null>(db, 'SELECT max(seq) FROM messages').pluck().get() ?? null
  const probe = prepared<{ n: number; oldest: number | null }>(
    db,
    `SELECT count(*) AS n, min(seq) AS oldest FROM (
       SELECT rowid AS seq FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid DESC LIMIT ?)`,
  )
  const docsWith = terms.map((term) => {
    const { n, oldest } = probe.get(term.fts, RANK_WINDOW) ?? { n: 0, oldest: null }
    if (n < RANK_WINDOW || oldest === null || low === null || high === null) return n
    const estimate = (n * (high - low + 1)) / (high - oldest + 1)
    return Math.min(documents, Math.round(estimate))
  })
  return { documents, averageLength, docsWith }
}

/**
 * FTS5 keeps, in row 1 of its data table, the number of indexed rows and the total number of
 * tokens per column, as SQLite varints.
 */
function averages(db: Database): { documents: number; averageLength: number } {
  const block = prepared<Buffer>(db, 'SELECT block FROM messages_fts_data WHERE id = 1')
    .pluck()
    .get()
  if (!block) return { documents: 0, averageLength: 0 }
  const [documents, next] = readVarint(block, 0)
  const [tokens] = readVarint(block, next)
  return { documents, averageLength: documents > 0 ? tokens / documents : 0 }
}

/** SQLite's varint: big-endian 7-bit groups, high bit set on all but the last (9 bytes at most). */
function readVarint(buffer: Buffer, offset: number): [number, number] {
  let value = 0
  for (let i = 0; i < 9 && offset + i < buffer.length; i++) {
    const byte = buffer[offset + i]!
    if (i === 8) return [value * 256 + byte, offset + 9]
    value = value * 128 + (byte & 0x7f)
    if ((byte & 0x80) === 0) return [value, offset + i + 1]
  }
  return [value, buffer.length]
}
