import type { Database } from '../../sqlite/driver'
import { FolderSchema } from '../../../shared/domain'
import type { Folder } from '../../../shared/domain'
import { MirrorError } from '../../../shared/errors'
import { isConstraint } from '../../sqlite/sqliteErrors'
import { folderExists, folderNameKey, folderNotFound } from '../folderList'
import { prepared } from './statements'

// The folders table (migration 0007). Called inside SqliteStorage's write transactions.

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

export function listFolderRows(db: Database): Folder[] {
  return prepared<FolderRow>(db, 'SELECT id, name, created_at FROM folders ORDER BY name_key, id')
    .all()
    .map(folderFromRow)
}

/** A clash on the folded name is FOLDER_EXISTS; on the id, VALIDATION_FAILED. */
function uniqueChecked<T>(name: string, id: string, fn: () => T): T {
  try {
    return fn()
  } catch (error) {
    if (isConstraint(error, 'PRIMARYKEY')) {
      throw new MirrorError('VALIDATION_FAILED', `A folder with id ${id} already exists.`)
    }
    if (isConstraint(error, 'UNIQUE')) throw folderExists(name)
    throw error
  }
}

export function insertFolder(db: Database, folder: Folder): void {
  uniqueChecked(folder.name, folder.id, () =>
    prepared(db, 'INSERT INTO folders (id, name, name_key, created_at) VALUES (?, ?, ?, ?)').run(
      folder.id,
      folder.name,
      folderNameKey(folder.name),
      folder.createdAt,
    ),
  )
}

export function renameFolderRow(db: Database, id: string, name: string): Folder {
  const row = uniqueChecked(name, id, () =>
    prepared<FolderRow>(
      db,
      'UPDATE folders SET name = ?, name_key = ? WHERE id = ? RETURNING id, name, created_at',
    ).get(name, folderNameKey(name), id),
  )
  if (!row) throw folderNotFound(id)
  return folderFromRow(row)
}

/** Its sessions' folder_id becomes NULL (ON DELETE SET NULL); their updated_at stays. */
export function deleteFolderRow(db: Database, id: string): void {
  if (prepared(db, 'DELETE FROM folders WHERE id = ?').run(id).changes === 0) {
    throw folderNotFound(id)
  }
}

/** Inside a write: a session given a folder that does not exist is NOT_FOUND. */
export function checkFolderExists(db: Database, id: string | null | undefined): void {
  if (!id) return
  if (prepared(db, 'SELECT 1 FROM folders WHERE id = ?').get(id) === undefined) {
    throw folderNotFound(id)
  }
}
