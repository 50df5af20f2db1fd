import type { Database } from '../../sqlite/driver'
import type { Message } from '../../../shared/domain'
import type { MessageRow } from './rows'
import { messageParams } from './rows'
import { prepared } from './statements'

export const COLUMNS =
  'seq, id, session_id, role, content, created_at, pattern, uncertainty, sensitive, status, provider, model, metadata, parent_id, attachments'

/** Inserts below `parentId`; `onPath` says whether it joins the current path as it is added. */
export function insertMessage(
  db: Database,
  message: Message,
  parentId: string | null,
  onPath: boolean,
  activeChildId: string | null = null,
): void {
  // Positional: binding an object by name costs a lookup per column, on the hottest statement.
  prepared(
    db,
    `INSERT INTO messages (id, session_id, role, content, created_at, pattern, uncertainty,
       sensitive, status, provider, model, metadata, attachments, parent_id, on_path,
       active_child_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(...Object.values(messageParams(message)), parentId, onPath ? 1 : 0, activeChildId)
}

export function getMessageRow(db: Database, id: string): MessageRow | undefined {
  return prepared<MessageRow>(db, `SELECT ${COLUMNS} FROM messages WHERE id = ?`).get(id)
}

export interface MessageLocation {
  seq: number
  session_id: string
  parent_id: string | null
  active_child_id: string | null
  on_path: number
}

export function locateMessage(db: Database, id: string): MessageLocation | undefined {
  return prepared<MessageLocation>(
    db,
    'SELECT seq, session_id, parent_id, active_child_id, on_path FROM messages WHERE id = ?',
  ).get(id)
}

/** Rewrites every field but id, session and position; the FTS trigger follows content/sensitive. */
export function updateMessageRow(db: Database, message: Message): number {
  return prepared(
    db,
    `UPDATE messages SET role = @role, content = @content, created_at = @created_at,
       pattern = @pattern, uncertainty = @uncertainty, sensitive = @sensitive, status = @status,
       provider = @provider, model = @model, metadata = @metadata,
       attachments = @attachments
     WHERE id = @id AND session_id = @session_id`,
  ).run(messageParams(message)).changes
}

/** Explicit delete (rather than relying on the cascade) so the FTS delete trigger always runs. */
export function deleteSessionMessages(db: Database, sessionId: string): void {
  prepared(db, 'DELETE FROM messages WHERE session_id = ?').run(sessionId)
}

/** Which of `ids` some message lists in its attachments (the attachment_refs index). */
export function referencedAttachmentIds(db: Database, ids: readonly string[]): Set<string> {
  const rows = prepared<string>(
    db,
    `SELECT DISTINCT attachment_id FROM attachment_refs
     WHERE attachment_id IN (SELECT value FROM json_each(?))`,
  )
    .pluck()
    .all(JSON.stringify(ids))
  return new Set(rows)
}
