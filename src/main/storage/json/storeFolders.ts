import { join } from 'node:path'
import { z } from 'zod'
import { FolderSchema } from '../../../shared/domain'
import type { Folder } from '../../../shared/domain'
import { MirrorError } from '../../../shared/errors'
import { writeJsonAtomic } from '../../fs/atomicWrite'
import { errorCode } from '../../fs/storeFs'
import { folderNotFound, sortFolders, withFolder, withoutFolder, withRenamed } from '../folderList'
import { treeOf } from './recordTree'
import { parseJsonObject } from './sdkFormat'
import type { StoreFiles } from './storeFiles'

// The JSON store's folders (docs/json-store.md): one small file beside the sidecars, read
// afresh for every use (another program may have changed it) and written under the folder lock.

const FOLDERS_DIR = '.activemirror'
export const FOLDERS_FILE = join(FOLDERS_DIR, 'folders.json')

const FoldersFileSchema = z.object({ folders: z.array(FolderSchema) })

/** The folders on disk now; none when the file does not exist. A damaged file is never replaced. */
export async function readFolders(files: StoreFiles): Promise<Folder[]> {
  let text: string
  try {
    text = await files.fs.readFile(join(files.dir, FOLDERS_FILE))
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return []
    throw error
  }
  const parsed = parseJsonObject(text)
  const result = parsed.ok ? FoldersFileSchema.safeParse(parsed.value) : null
  if (!result?.success) {
    throw new MirrorError(
      'STORAGE_CORRUPT',
      `${FOLDERS_FILE} in the JSON store cannot be read; it is left as it is.`,
      { file: FOLDERS_FILE },
    )
  }
  return sortFolders(result.data.folders)
}

async function writeFolders(files: StoreFiles, folders: Folder[]): Promise<void> {
  await files.fs.mkdirp(join(files.dir, FOLDERS_DIR))
  await writeJsonAtomic(files.fs, join(files.dir, FOLDERS_DIR), 'folders.json', { folders })
}

/** Under the lock: NOT_FOUND when a session is given a folder that does not exist. */
export async function checkFolder(files: StoreFiles, id: string | null | undefined): Promise<void> {
  if (!id) return
  if (!(await readFolders(files)).some((f) => f.id === id)) throw folderNotFound(id)
}

export async function addFolder(files: StoreFiles, folder: Folder): Promise<void> {
  await writeFolders(files, withFolder(await readFolders(files), folder))
}

export async function renameFolder(files: StoreFiles, id: string, name: string): Promise<Folder> {
  const renamed = withRenamed(await readFolders(files), id, name)
  await writeFolders(files, renamed.folders)
  return renamed.folder
}

/**
 * Under the lock: its sessions are taken out of it first (their sidecars rewritten, `updatedAt`
 * kept), then the folder goes, so a crash half-way leaves a folder, never a dangling reference.
 */
export async function removeFolder(files: StoreFiles, id: string): Promise<void> {
  const remaining = withoutFolder(await readFolders(files), id)
  for (const listed of [...files.state.records.values()]) {
    if (listed.session.folderId !== id) continue
    const record = await files.current(listed.session.id)
    if (record.session.folderId !== id) continue
    await files.writeSession({ ...record.session, folderId: null }, treeOf(record), record)
  }
  await writeFolders(files, remaining)
}
