import type { Database } from '../../sqlite/driver'
import type { Session } from '../../../shared/domain'
import type { SessionCursor } from '../cursor'
import type { SessionPatch } from '../storage'
import type { SessionRow } from './rows'
import { sessionParams } from './rows'
import { normalizeToken } from '../textSearch'
import { quoteFtsString } from './ftsQuery'
import { prepared } from './statements'

const INSERTED =
  'id, title, created_at, updated_at, message_count, archived, metadata, pinned, folder_id'
const COLUMNS = `${INSERTED}, current_leaf_id`

/**
 * `title_folded` is kept beside the title so that title search reads stored text (0008).
 * `currentLeafId` is only given by an import, which writes the session's messages right after.
 */
export function insertSession(
  db: Database,
  session: Session,
  currentLeafId: string | null = null,
): void {
  prepared(
    db,
    `INSERT INTO sessions (${INSERTED}, title_folded, current_leaf_id)
     VALUES (@id, @title, @created_at, @updated_at, @message_count, @archived, @metadata,
       @pinned, @folder_id, @title_folded, @current_leaf_id)`,
  ).run({
    ...sessionParams(session),
    title_folded: normalizeToken(session.title),
    current_leaf_id: currentLeafId,
  })
}

export function getSessionRow(db: Database, id: string): SessionRow | undefined {
  return prepared<SessionRow>(db, `SELECT ${COLUMNS} FROM sessions WHERE id = ?`).get(id)
}

export function sessionExists(db: Database, id: string): boolean {
  return prepared(db, 'SELECT 1 FROM sessions WHERE id = ?').get(id) !== undefined
}

export interface SessionListQuery {
  archived: boolean | 'all'
  cursor: SessionCursor | null
  limit: number
  /** Already folded (paging.titleNeedle); matched against the folded title. */
  titleNeedle: string
  /** A folder id, null for "in no folder", undefined for any. */
  folderId?: string | null
}

/**
 * The SQL function that folds a title like normalizeToken; registered on every connection. Only
 * rows whose stored `title_folded` is NULL (written by another tool) need it.
 */
export const FOLD_FUNCTION = 'amos_fold'

/** The trigram index answers needles of at least this many characters. */
const TRIGRAM = 3
/** A needle in this many titles is common: walking the list in order finds a page soonest. */
const COMMON_TITLE_HITS = 200

/**
 * Title search (migration 0008). A rare needle: the trigram index, plus the rows whose fold is
 * missing, give the candidates (sorting a few is cheap). A common or short one: the list is
 * walked in its order and stops at a full page. Either way the stored fold (or, for rows without
 * one, amos_fold) confirms each row.
 */
function titleConditions(db: Database, needle: string): { where: string[]; trigrams?: string } {
  const check = `instr(coalesce(title_folded, ${FOLD_FUNCTION}(title)), @needle) > 0`
  if ([...needle].length < TRIGRAM) return { where: [check] }
  const trigrams = quoteFtsString(needle)
  const hits = prepared<number>(
    db,
    `SELECT count(*) FROM (
       SELECT 1 FROM session_titles WHERE session_titles MATCH ? LIMIT ${COMMON_TITLE_HITS})`,
  )
    .pluck()
    .get(trigrams)
  if ((hits ?? 0) >= COMMON_TITLE_HITS) return { where: [check] }
  const candidates = `id IN (
      SELECT k.session_id FROM session_titles
        JOIN session_title_keys k ON k.key = session_titles.rowid
        WHERE session_titles MATCH @trigrams
      UNION ALL
      SELECT id FROM sessions INDEXED BY sessions_unfolded WHERE title_folded IS NULL)`
  return { where: [candidates, check], trigrams }
}

/**
 * Pinned first, then newest first by (updated_at, id); keyset paging so deep pages cost the same
 * as the first.
 */
export function listSessionRows(db: Database, query: SessionListQuery): SessionRow[] {
  const where: string[] = []
  const params: Record<string, unknown> = { limit: query.limit }
  if (query.archived !== 'all') {
    where.push('archived = @archived')
    params.archived = query.archived ? 1 : 0
  }
  if (query.titleNeedle) {
    const title = titleConditions(db, query.titleNeedle)
    where.push(...title.where)
    params.needle = query.titleNeedle
    if (title.trigrams) params.trigrams = title.trigrams
  }
  if (query.folderId !== undefined) {
    where.push(query.folderId === null ? 'folder_id IS NULL' : 'folder_id = @folderId')
    if (query.folderId !== null) params.folderId = query.folderId
  }
  if (query.cursor) {
    where.push(`(pinned < @cursorPinned OR (pinned = @cursorPinned AND
      (updated_at < @cursorAt OR (updated_at = @cursorAt AND id < @cursorId))))`)
    params.cursorPinned = query.cursor.pinned ? 1 : 0
    params.cursorAt = query.cursor.updatedAt
    params.cursorId = query.cursor.id
  }
  // Only fixed fragments are joined here; every value is a bound parameter.
  const sql = `SELECT ${COLUMNS} FROM sessions
    ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY pinned DESC, updated_at DESC, id DESC LIMIT @limit`
  return prepared<SessionRow>(db, sql).all(params)
}

/** Applies a patch and returns the new row, or undefined when the session does not exist. */
export function updateSessionRow(
  db: Database,
  id: string,
  patch: SessionPatch,
): SessionRow | undefined {
  return prepared<SessionRow>(
    db,
    `UPDATE sessions SET
       title = coalesce(@title, title),
       title_folded = CASE WHEN @title IS NULL THEN title_folded ELSE @title_folded END,
       archived = coalesce(@archived, archived),
       metadata = coalesce(@metadata, metadata),
       pinned = coalesce(@pinned, pinned),
       folder_id = CASE WHEN @moveFolder = 1 THEN @folder_id ELSE folder_id END,
       updated_at = coalesce(@updated_at, updated_at)
     WHERE id = @id
     RETURNING ${COLUMNS}`,
  ).get({
    id,
    title: patch.title ?? null,
    title_folded: patch.title === undefined ? null : normalizeToken(patch.title),
    archived: patch.archived === undefined ? null : patch.archived ? 1 : 0,
    metadata: patch.metadata === undefined ? null : JSON.stringify(patch.metadata),
    pinned: patch.pinned === undefined ? null : patch.pinned ? 1 : 0,
    moveFolder: patch.folderId === undefined ? 0 : 1,
    folder_id: patch.folderId ?? null,
    updated_at: patch.updatedAt ?? null,
  })
}

export function deleteSessionRow(db: Database, id: string): number {
  return prepared(db, 'DELETE FROM sessions WHERE id = ?').run(id).changes
}

/** The append path's only write to sessions: no COUNT(*), no read of the session's messages. */
export function bumpSession(
  db: Database,
  id: string,
  updatedAt: string,
  leafId: string | null,
): number {
  return prepared(
    db,
    `UPDATE sessions SET message_count = message_count + 1, updated_at = ?, current_leaf_id = ?
     WHERE id = ?`,
  ).run(updatedAt, leafId, id).changes
}

/** The session's current leaf; undefined when there is no such session. */
export function currentLeaf(db: Database, id: string): { leaf: string | null } | undefined {
  return prepared<{ leaf: string | null }>(
    db,
    'SELECT current_leaf_id AS leaf FROM sessions WHERE id = ?',
  ).get(id)
}

export function setCurrentLeaf(db: Database, id: string, leafId: string | null): void {
  prepared(db, 'UPDATE sessions SET current_leaf_id = ? WHERE id = ?').run(leafId, id)
}

/** Adds `delta` (negative after a delete) to the session's message count. */
export function addToMessageCount(db: Database, id: string, delta: number): void {
  prepared(db, 'UPDATE sessions SET message_count = message_count + ? WHERE id = ?').run(delta, id)
}
