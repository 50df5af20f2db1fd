import { isMirrorError } from '../../../../shared/errors'
import { folderNameKey } from '../../../storage/folderList'
import type { Storage } from '../../../storage/storage'

/**
 * The id of the folder named `name` (ignoring case), made if there is none: a native export
 * names its session's folder, and an import files the session there again. Another process
 * making the same folder at the same moment is fine (FOLDER_EXISTS: read it again).
 */
export async function folderIdNamed(
  storage: Pick<Storage, 'listFolders' | 'createFolder'>,
  name: string,
  newId: () => string,
): Promise<string> {
  const find = async () =>
    (await storage.listFolders()).find((f) => folderNameKey(f.name) === folderNameKey(name))?.id
  const found = await find()
  if (found) return found
  const id = newId()
  try {
    await storage.createFolder({ id, name, createdAt: new Date().toISOString() })
    return id
  } catch (error) {
    if (!isMirrorError(error) || error.code !== 'FOLDER_EXISTS') throw error
    const raced = await find()
    if (!raced) throw error
    return raced
  }
}
