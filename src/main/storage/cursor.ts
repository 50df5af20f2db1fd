import { MirrorError } from '../../shared/errors'

/** Keyset cursor for session pages: (updatedAt, id) of the last item of the previous page. */
export interface SessionCursor {
  updatedAt: string
  id: string
}

export function encodeSessionCursor(cursor: SessionCursor): string {
  return Buffer.from(JSON.stringify([cursor.updatedAt, cursor.id]), 'utf8').toString('base64url')
}

export function decodeSessionCursor(raw: string): SessionCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))
    if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return { updatedAt: value[0], id: value[1] }
    }
  } catch {
    // fall through to the typed error
  }
  throw new MirrorError('VALIDATION_FAILED', 'The page cursor is not valid.')
}

/** Most recently updated first; ties broken by id so pages never overlap. */
export function compareSessionsNewestFirst(
  a: { updatedAt: string; id: string },
  b: { updatedAt: string; id: string },
): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? 1 : -1
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}

export function isAfterCursor(
  item: { updatedAt: string; id: string },
  cursor: SessionCursor,
): boolean {
  return compareSessionsNewestFirst(item, cursor) > 0
}
