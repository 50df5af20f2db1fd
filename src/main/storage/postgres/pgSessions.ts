import type { Folder, Session } from '../../../shared/domain'
import { FolderSchema } from '../../../shared/domain'
import { MirrorError } from '../../../shared/errors'
import type { SessionCursor } from '../cursor'
import { folderExists, folderNameKey, folderNotFound } from '../folderList'
import { sessionParams } from '../sqlite/rows'
import type { SessionRow } from '../sqlite/rows'
import type { SessionPatch } from '../storage'
import { normalizeToken } from '../textSearch'
import { isUniqueViolation } from './pgErrors'
import { first, prepared, rows } from './pgPool'
import type { Queryable } from './pgPool'

export const S_COLUMNS = `id, title, created_at, updated_at, message_count,
  archived::int AS archived, metadata, current_leaf_id, pinned::int AS pinned, folder_id`

export async function insertSession(db: Queryable, session: Session): Promise<void> {
  const p = sessionParams(session)
  await db.query(
    `INSERT INTO sessions (id, title, title_folded, created_at, updated_at, message_count,
       archived, metadata, pinned, folder_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      p.id,
      p.title,
      normalizeToken(p.title),
      p.created_at,
      p.updated_at,
      p.message_count,
      session.archived,
      p.metadata,
      session.pinned === true,
      p.folder_id,
    ],
  )
}

export function getSessionRow(db: Queryable, id: string): Promise<SessionRow | undefined> {
  return first<SessionRow>(db, `SELECT ${S_COLUMNS} FROM sessions WHERE id = $1`, [id])
}

/**
 * Locks the session's row for the rest of the transaction and returns its current leaf
 * (undefined: no such session). Every write to a session's messages takes this lock first, so
 * two machines appending to one session queue up here and never interleave their tree updates.
 */
export function lockSession(
  db: Queryable,
  id: string,
): Promise<{ leaf: string | null } | undefined> {
  return prepared<{ leaf: string | null }>(
    db,
    'amos_lock_session',
    'SELECT current_leaf_id AS leaf FROM sessions WHERE id = $1 FOR UPDATE',
    [id],
  ).then((found) => found[0])
}

export interface SessionListQuery {
  archived: boolean | 'all'
  cursor: SessionCursor | null
  limit: number
  /** Already folded; a substring of the stored folded title. */
  titleNeedle: string
  folderId?: string | null
}

/** Pinned first, then newest first by (updated_at, id); keyset paging. */
export function listSessionRows(db: Queryable, query: SessionListQuery): Promise<SessionRow[]> {
  const where: string[] = []
  const values: unknown[] = []
  const param = (value: unknown): string => {
    values.push(value)
    return `$${values.length}`
  }
  if (query.archived !== 'all') where.push(`archived = ${param(query.archived)}`)
  if (query.titleNeedle) where.push(`strpos(title_folded, ${param(query.titleNeedle)}) > 0`)
  if (query.folderId !== undefined) {
    where.push(
      query.folderId === null ? 'folder_id IS NULL' : `folder_id = ${param(query.folderId)}`,
    )
  }
  if (query.cursor) {
    const pinned = param(query.cursor.pinned)
    const at = param(query.cursor.updatedAt)
    const id = param(query.cursor.id)
    where.push(`(pinned < ${pinned} OR (pinned = ${pinned} AND
      (updated_at < ${at} OR (updated_at = ${at} AND id < ${id}))))`)
  }
  return rows<SessionRow>(
    db,
    `SELECT ${S_COLUMNS} FROM sessions ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY pinned DESC, updated_at DESC, id DESC LIMIT ${param(query.limit)}`,
    values,
  )
}

export function updateSessionRow(
  db: Queryable,
  id: string,
  patch: SessionPatch,
): Promise<SessionRow | undefined> {
  return first<SessionRow>(
    db,
    `UPDATE sessions SET
       title = coalesce($2, title),
       title_folded = coalesce($3, title_folded),
       archived = coalesce($4, archived),
       metadata = coalesce($5, metadata),
       pinned = coalesce($6, pinned),
       folder_id = CASE WHEN $7 THEN $8 ELSE folder_id END,
       updated_at = coalesce($9, updated_at)
     WHERE id = $1
     RETURNING ${S_COLUMNS}`,
    [
      id,
      patch.title ?? null,
      patch.title === undefined ? null : normalizeToken(patch.title),
      patch.archived ?? null,
      patch.metadata === undefined ? null : JSON.stringify(patch.metadata),
      patch.pinned ?? null,
      patch.folderId !== undefined,
      patch.folderId ?? null,
      patch.updatedAt ?? null,
    ],
  )
}

/** The append path's write to sessions: counters, activity time and leaf, no read of messages. */
export async function bumpSession(
  db: Queryable,
  id: string,
  updatedAt: string,
  leafId: string | null,
): Promise<void> {
  await db.query(
    `UPDATE sessions SET message_count = message_count + 1, updated_at = $2, current_leaf_id = $3
     WHERE id = $1`,
    [id, updatedAt, leafId],
  )
}

export async function setCurrentLeaf(
  db: Queryable,
  id: string,
  leaf: string | null,
): Promise<void> {
  await db.query('UPDATE sessions SET current_leaf_id = $2 WHERE id = $1', [id, leaf])
}

export async function addToMessageCount(db: Queryable, id: string, delta: number): Promise<void> {
  await db.query('UPDATE sessions SET message_count = message_count + $2 WHERE id = $1', [
    id,
    delta,
  ])
}

// ── folders ──────────────────────────────────────────────────────────────────────────────────

interface FolderRow {
  id: string
  name: string
  created_at: string
}

function folderFromRow(row: FolderRow): Folder {
  const parsed = FolderSchema.safeParse({ id: row.id, name: row.name, createdAt: row.created_at })
  if (!parsed.success) {
    throw new MirrorError('STORAGE_CORRUPT', `A row in folders (${row.id}) cannot be read.`, {
      table: 'folders',
      id: row.id,
    })
  }
  return parsed.data
}

export async function listFolderRows(db: Queryable): Promise<Folder[]> {
  const found = await rows<FolderRow>(
    db,
    'SELECT id, name, created_at FROM folders ORDER BY name_key, id',
  )
  return found.map(folderFromRow)
}

/** A clash on the folded name is FOLDER_EXISTS; on the id, VALIDATION_FAILED. */
async function uniqueChecked<T>(name: string, id: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    if (isUniqueViolation(error, 'folders_name_key_unique')) throw folderExists(name)
    if (isUniqueViolation(error)) {
      throw new MirrorError('VALIDATION_FAILED', `A folder with id ${id} already exists.`)
    }
    throw error
  }
}

export async function insertFolder(db: Queryable, folder: Folder): Promise<void> {
  await uniqueChecked(folder.name, folder.id, () =>
    db.query('INSERT INTO folders (id, name, name_key, created_at) VALUES ($1, $2, $3, $4)', [
      folder.id,
      folder.name,
      folderNameKey(folder.name),
      folder.createdAt,
    ]),
  )
}

export async function renameFolderRow(db: Queryable, id: string, name: string): Promise<Folder> {
  const row = await uniqueChecked(name, id, () =>
    first<FolderRow>(
      db,
      'UPDATE folders SET name = $2, name_key = $3 WHERE id = $1 RETURNING id, name, created_at',
      [id, name, folderNameKey(name)],
    ),
  )
  if (!row) throw folderNotFound(id)
  return folderFromRow(row)
}

export async function deleteFolderRow(db: Queryable, id: string): Promise<void> {
  const gone = await rows(db, 'DELETE FROM folders WHERE id = $1 RETURNING id', [id])
  if (gone.length === 0) throw folderNotFound(id)
}

/** A session given a folder that does not exist is NOT_FOUND (locked: it cannot vanish now). */
export async function checkFolderExists(
  db: Queryable,
  id: string | null | undefined,
): Promise<void> {
  if (!id) return
  const row = await first(db, 'SELECT 1 FROM folders WHERE id = $1 FOR KEY SHARE', [id])
  if (!row) throw folderNotFound(id)
}
