import { join } from 'node:path'
import type { Message, Session } from '../../../shared/domain'
import { MirrorError } from '../../../shared/errors'
import { errorCode } from '../../fs/storeFs'
import { importedTree } from '../treeEdits'
import { isSafeSessionId, sessionFileName } from './sdkFormat'
import { removeSidecar } from './sessionSidecar'
import type { StoreFiles } from './storeFiles'
import { dropSession } from './storeLoader'
import { deletingFileName } from './storeMaintenance'

// Adding and removing a whole session's files (index.json, session file, sidecar), run by
// JsonStorage under the folder lock.

/** Create and import, under the lock: all checks first, then the session file, then the index. */
export async function addSession(
  files: StoreFiles,
  session: Session,
  messages: Message[],
): Promise<void> {
  const { dir, fs, state } = files
  const { id } = session
  if (!isSafeSessionId(id)) {
    throw new MirrorError(
      'VALIDATION_FAILED',
      `The session id ${JSON.stringify(id)} cannot be a file name.`,
    )
  }
  const problem = state.corrupt.get(id)
  if (problem) throw files.corruptError(problem)
  const exists = `A session with id ${id} already exists.`
  if (state.records.has(id) || files.listed().includes(id)) {
    throw new MirrorError('VALIDATION_FAILED', exists)
  }
  const tree = importedTree(id, messages, session.currentLeafId, (x) => state.messageSession.has(x))
  const fileName = sessionFileName(id)
  if (await fs.exists(join(dir, fileName))) {
    // A file the index does not list and we could not use; never replace it.
    throw new MirrorError('VALIDATION_FAILED', `${fileName} already exists in the JSON store.`)
  }
  await files.writeSession(session, tree, null)
  try {
    await files.writeIndex([...files.listed().filter((x) => x !== id), id])
  } catch (error) {
    dropSession(state, id)
    await fs.unlink(join(dir, fileName)).catch(() => undefined)
    throw error
  }
}

/**
 * Delete, under the lock: the session file is renamed aside first, so a crash before the index
 * is rewritten can be finished at the next start instead of the file being listed again as
 * one the index lost.
 */
export async function removeSession(files: StoreFiles, id: string): Promise<void> {
  const { dir, fs, state } = files
  const fileName = sessionFileName(id)
  const aside = deletingFileName(id)
  try {
    await fs.rename(join(dir, fileName), join(dir, aside))
  } catch (error) {
    throw new MirrorError(
      'STORAGE_UNAVAILABLE',
      `Could not delete ${fileName} (${errorCode(error) ?? 'rename failed'}); nothing was changed.`,
      { file: fileName },
    )
  }
  try {
    await files.writeIndex(files.listed().filter((x) => x !== id))
  } catch (error) {
    await fs.rename(join(dir, aside), join(dir, fileName)).catch(() => undefined)
    throw error
  }
  dropSession(state, id)
  await fs.unlink(join(dir, aside)).catch(() => undefined)
  await removeSidecar(fs, dir, id).catch(() => undefined)
}
