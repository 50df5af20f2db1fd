import type { Folder } from '../../shared/domain'
import { MirrorError } from '../../shared/errors'

// Folders held as a list (MemoryStorage, the JSON store's folders file): the same checks and
// order as SQLite's table, in one place.

/** How folder names are compared: case and Unicode form do not make two names different. */
export function folderNameKey(name: string): string {
  return name.normalize('NFKC').toLocaleLowerCase('en-US')
}

export function folderExists(name: string): MirrorError {
  return new MirrorError('FOLDER_EXISTS', `A folder named “${name}” already exists.`, { name })
}

export function folderNotFound(id: string): MirrorError {
  return new MirrorError('NOT_FOUND', `No folder with id ${id}.`, { id })
}

/** By name ignoring case, then id, as every backend lists them. */
export function sortFolders(folders: Folder[]): Folder[] {
  return [...folders].sort((a, b) => {
    const ka = folderNameKey(a.name)
    const kb = folderNameKey(b.name)
    if (ka !== kb) return ka < kb ? -1 : 1
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
  })
}

/** `folders` with `folder` added; FOLDER_EXISTS or VALIDATION_FAILED (taken id) otherwise. */
export function withFolder(folders: readonly Folder[], folder: Folder): Folder[] {
  if (folders.some((f) => f.id === folder.id)) {
    throw new MirrorError('VALIDATION_FAILED', `A folder with id ${folder.id} already exists.`)
  }
  const key = folderNameKey(folder.name)
  if (folders.some((f) => folderNameKey(f.name) === key)) throw folderExists(folder.name)
  return sortFolders([...folders, { ...folder }])
}

/** `folders` with folder `id` renamed; NOT_FOUND or FOLDER_EXISTS (another folder's name). */
export function withRenamed(
  folders: readonly Folder[],
  id: string,
  name: string,
): { folders: Folder[]; folder: Folder } {
  const found = folders.find((f) => f.id === id)
  if (!found) throw folderNotFound(id)
  const key = folderNameKey(name)
  if (folders.some((f) => f.id !== id && folderNameKey(f.name) === key)) throw folderExists(name)
  const folder = { ...found, name }
  return { folder, folders: sortFolders(folders.map((f) => (f.id === id ? folder : f))) }
}

/** `folders` without folder `id`; NOT_FOUND when there is none. */
export function withoutFolder(folders: readonly Folder[], id: string): Folder[] {
  if (!folders.some((f) => f.id === id)) throw folderNotFound(id)
  return folders.filter((f) => f.id !== id)
}
