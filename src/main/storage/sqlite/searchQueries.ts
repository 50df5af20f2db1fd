import type { Database } from 'better-sqlite3'
import { SNIPPET_CLOSE, SNIPPET_OPEN } from '../../../shared/domain'
import { prepared } from './statements'

export interface SearchRow {
  message_id: string
  session_id: string
  session_title: string
  role: string
  created_at: string
  snippet: string
}

/** Tokens of context in a snippet (FTS5 allows at most 64). */
const SNIPPET_TOKENS = 12

/**
 * Ranked full-text hits: bm25 (FTS5's default relevance, lower is better), then the newest
 * message first. Sensitive rows are never in the index; the `sensitive = 0` check is a second
 * lock on the same door.
 */
export function searchRows(
  db: Database,
  ftsQuery: string,
  options: { includeArchived: boolean; limit: number },
): SearchRow[] {
  return prepared<SearchRow>(
    db,
    `SELECT m.id AS message_id, m.session_id AS session_id, s.title AS session_title,
       m.role AS role, m.created_at AS created_at,
       snippet(messages_fts, 0, @open, @close, '…', ${SNIPPET_TOKENS}) AS snippet
     FROM messages_fts
     JOIN messages m ON m.seq = messages_fts.rowid
     JOIN sessions s ON s.id = m.session_id
     WHERE messages_fts MATCH @query
       AND m.sensitive = 0
       AND (@includeArchived = 1 OR s.archived = 0)
     ORDER BY bm25(messages_fts), m.created_at DESC, m.seq DESC
     LIMIT @limit`,
  ).all({
    open: SNIPPET_OPEN,
    close: SNIPPET_CLOSE,
    query: ftsQuery,
    includeArchived: options.includeArchived ? 1 : 0,
    limit: options.limit,
  })
}
