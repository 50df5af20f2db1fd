import type { Message } from '../../../shared/domain'
import { messageParams } from '../sqlite/rows'
import type { MessageRow } from '../sqlite/rows'
import { first, rows } from './pgPool'
import type { Queryable } from './pgPool'
import { indexedWords } from './searchWords'

// Rows come back in the shapes sqlite/rows.ts reads (flags as 0/1), so both backends turn rows
// into Sessions and Messages with the same checks.

/** The message columns, prefixed with `m.`. */
export const M_COLUMNS = `m.seq, m.id, m.session_id, m.role, m.content, m.created_at, m.pattern,
  m.uncertainty, m.sensitive::int AS sensitive, m.status, m.provider, m.model, m.metadata,
  m.parent_id, m.attachments`

/** The search columns of a message: its folded words, none when it is sensitive. */
function searchFields(message: Message): { words: string[] | null; count: number } {
  if (message.sensitive) return { words: null, count: 0 }
  return indexedWords(message.content)
}

/** INSERT values $1…$18 of a message row (see insertMessage). */
export function insertValues(
  message: Message,
  parentId: string | null,
  onPath: boolean,
  activeChildId: string | null,
): unknown[] {
  const p = messageParams(message)
  const search = searchFields(message)
  return [
    p.id,
    p.session_id,
    p.role,
    p.content,
    p.created_at,
    p.pattern,
    p.uncertainty,
    message.sensitive,
    p.status,
    p.provider,
    p.model,
    p.metadata,
    parentId,
    onPath,
    activeChildId,
    search.words,
    search.count,
    p.attachments,
  ]
}

export const INSERT_MESSAGE = `INSERT INTO messages (id, session_id, role, content, created_at,
    pattern, uncertainty, sensitive, status, provider, model, metadata, parent_id, on_path,
    active_child_id, search_words, word_count, attachments)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
    array_to_tsvector($16::text[]), $17, $18)`

/** Inserts below `parentId`; `onPath` says whether it joins the current path as it is added. */
export async function insertMessage(
  db: Queryable,
  message: Message,
  parentId: string | null,
  onPath: boolean,
  activeChildId: string | null = null,
): Promise<void> {
  await db.query(INSERT_MESSAGE, insertValues(message, parentId, onPath, activeChildId))
}

export function getMessageRow(db: Queryable, id: string): Promise<MessageRow | undefined> {
  return first<MessageRow>(db, `SELECT ${M_COLUMNS} FROM messages m WHERE m.id = $1`, [id])
}

export interface MessageLocation {
  seq: string
  session_id: string
  parent_id: string | null
  active_child_id: string | null
  on_path: boolean
}

export function locateMessage(db: Queryable, id: string): Promise<MessageLocation | undefined> {
  return first<MessageLocation>(
    db,
    'SELECT seq, session_id, parent_id, active_child_id, on_path FROM messages WHERE id = $1',
    [id],
  )
}

/** Rewrites every field but id, session and position, the search words with the text. */
export async function updateMessageRow(db: Queryable, message: Message): Promise<void> {
  const p = messageParams(message)
  const search = searchFields(message)
  await db.query(
    `UPDATE messages SET role = $3, content = $4, created_at = $5, pattern = $6,
       uncertainty = $7, sensitive = $8, status = $9, provider = $10, model = $11,
       metadata = $12, search_words = array_to_tsvector($13::text[]), word_count = $14,
       attachments = $15
     WHERE id = $1 AND session_id = $2`,
    [
      p.id,
      p.session_id,
      p.role,
      p.content,
      p.created_at,
      p.pattern,
      p.uncertainty,
      message.sensitive,
      p.status,
      p.provider,
      p.model,
      p.metadata,
      search.words,
      search.count,
      p.attachments,
    ],
  )
}

/** Which of `ids` some message lists in its attachments (the clean-up's question). */
export async function referencedAttachmentIds(
  db: Queryable,
  ids: readonly string[],
): Promise<Set<string>> {
  const found = await rows<{ id: string }>(
    db,
    `SELECT DISTINCT a.value->>'id' AS id
     FROM messages m, jsonb_array_elements(m.attachments::jsonb) a
     WHERE m.attachments IS NOT NULL AND a.value->>'id' = ANY($1::text[])`,
    [ids],
  )
  return new Set(found.map((row) => row.id))
}

/** Every message of a session after `afterSeq`, in seq order (parents come first). */
export function treeRows(
  db: Queryable,
  sessionId: string,
  afterSeq: string,
  limit: number,
): Promise<MessageRow[]> {
  return rows<MessageRow>(
    db,
    `SELECT ${M_COLUMNS} FROM messages m WHERE m.session_id = $1 AND m.seq > $2
     ORDER BY m.seq LIMIT $3`,
    [sessionId, afterSeq, limit],
  )
}
