import type { Database } from 'better-sqlite3'
import type { Message } from '../../../shared/domain'
import type { MessageRow } from './rows'
import { messageParams } from './rows'
import { prepared } from './statements'

const COLUMNS =
  'seq, id, session_id, role, content, created_at, pattern, uncertainty, sensitive, status, provider, model, metadata'

export function insertMessage(db: Database, message: Message): void {
  prepared(
    db,
    `INSERT INTO messages (id, session_id, role, content, created_at, pattern, uncertainty,
       sensitive, status, provider, model, metadata)
     VALUES (@id, @session_id, @role, @content, @created_at, @pattern, @uncertainty,
       @sensitive, @status, @provider, @model, @metadata)`,
  ).run(messageParams(message))
}

export function getMessageRow(db: Database, id: string): MessageRow | undefined {
  return prepared<MessageRow>(db, `SELECT ${COLUMNS} FROM messages WHERE id = ?`).get(id)
}

export interface MessageLocation {
  seq: number
  session_id: string
}

export function locateMessage(db: Database, id: string): MessageLocation | undefined {
  return prepared<MessageLocation>(db, 'SELECT seq, session_id FROM messages WHERE id = ?').get(id)
}

/** Rewrites every field but id, session and position; the FTS trigger follows content/sensitive. */
export function updateMessageRow(db: Database, message: Message): number {
  return prepared(
    db,
    `UPDATE messages SET role = @role, content = @content, created_at = @created_at,
       pattern = @pattern, uncertainty = @uncertainty, sensitive = @sensitive, status = @status,
       provider = @provider, model = @model, metadata = @metadata
     WHERE id = @id AND session_id = @session_id`,
  ).run(messageParams(message)).changes
}

/** Explicit delete (rather than relying on the cascade) so the FTS delete trigger always runs. */
export function deleteSessionMessages(db: Database, sessionId: string): void {
  prepared(db, 'DELETE FROM messages WHERE session_id = ?').run(sessionId)
}

/**
 * The newest `limit` messages of a session strictly before `beforeSeq` (or the newest overall),
 * newest first. Uses the (session_id, seq) index; one extra row tells whether older ones exist.
 */
/** The `limit` messages right after `afterSeq`, oldest first. */
export function listMessageRowsAfter(
  db: Database,
  sessionId: string,
  afterSeq: number,
  limit: number,
): MessageRow[] {
  return prepared<MessageRow>(
    db,
    `SELECT ${COLUMNS} FROM messages WHERE session_id = ? AND seq > ? ORDER BY seq ASC LIMIT ?`,
  ).all(sessionId, afterSeq, limit)
}

export function listMessageRows(
  db: Database,
  sessionId: string,
  beforeSeq: number | null,
  limit: number,
): MessageRow[] {
  if (beforeSeq === null) {
    return prepared<MessageRow>(
      db,
      `SELECT ${COLUMNS} FROM messages WHERE session_id = ? ORDER BY seq DESC LIMIT ?`,
    ).all(sessionId, limit)
  }
  return prepared<MessageRow>(
    db,
    `SELECT ${COLUMNS} FROM messages WHERE session_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
  ).all(sessionId, beforeSeq, limit)
}
