import { MirrorError } from '../../shared/errors'
import { compareSessionsNewestFirst } from '../../shared/sessionOrder'
import type { SessionSortKey } from '../../shared/sessionOrder'

export { compareSessionsNewestFirst }

/**
 * Keyset cursor for session pages: the sort key of the last item of the previous page. Pinned
 * sessions come first, so the key starts with `pinned`; a cursor without it (written before
 * pins existed) reads as not pinned.
 */
export interface SessionCursor {
  pinned: boolean
  updatedAt: string
  id: string
}

export function encodeSessionCursor(cursor: SessionSortKey): string {
  const value = [cursor.updatedAt, cursor.id, cursor.pinned === true ? 1 : 0]
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url')
}

export function decodeSessionCursor(raw: string): SessionCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))
    if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return { updatedAt: value[0], id: value[1], pinned: value[2] === 1 }
    }
  } catch {
    // fall through to the typed error
  }
  throw new MirrorError('VALIDATION_FAILED', 'The page cursor is not valid.')
}

export function isAfterCursor(item: SessionSortKey, cursor: SessionCursor): boolean {
  return compareSessionsNewestFirst(item, cursor) > 0
}
