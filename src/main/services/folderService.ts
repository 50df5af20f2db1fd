import type { Folder, Session } from '../../shared/domain'
import { MirrorError } from '../../shared/errors'
import { folderNameKey } from '../storage/folderList'
import type { Storage } from '../storage/storage'
import type { FolderApi } from './contracts'
import type { Clock, IdGenerator } from './ids'

export interface FolderServiceDeps {
  storage: Storage
  clock: Clock
  ids: IdGenerator
}

const MAX_NAME = 100

function invalid(message: string): MirrorError {
  return new MirrorError('VALIDATION_FAILED', message)
}

/** Folder names are one line, trimmed, 1–100 characters (uniqueness is the storage's check). */
export function cleanFolderName(raw: unknown): string {
  if (typeof raw !== 'string') throw invalid('The folder name must be text.')
  // eslint-disable-next-line no-control-regex
  const name = raw.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim()
  if (name.length === 0) throw invalid('The folder name cannot be empty.')
  if (name.length > MAX_NAME)
    throw invalid(`The folder name is longer than ${MAX_NAME} characters.`)
  return name
}

function checkId(id: unknown, what: string): string {
  if (typeof id !== 'string' || id.length === 0 || id.length > 200) {
    throw invalid(`The ${what} id is not valid.`)
  }
  return id
}

/**
 * Pins and folders (docs/organising.md). Neither is activity: a session pinned, unpinned or
 * moved keeps its `updatedAt`, so it stays in its date group.
 */
export class FolderService implements FolderApi {
  constructor(private readonly deps: FolderServiceDeps) {}

  list(): Promise<Folder[]> {
    return this.deps.storage.listFolders()
  }

  async create(name: string): Promise<Folder> {
    const folder: Folder = {
      id: this.deps.ids.folderId(),
      name: cleanFolderName(name),
      createdAt: this.deps.clock.now().toISOString(),
    }
    await this.deps.storage.createFolder(folder)
    return folder
  }

  rename(id: string, name: string): Promise<Folder> {
    return this.deps.storage.renameFolder(checkId(id, 'folder'), cleanFolderName(name))
  }

  delete(id: string): Promise<void> {
    return this.deps.storage.deleteFolder(checkId(id, 'folder'))
  }

  /** An exact id first, then a name ignoring case, then the one id that starts with it. */
  async resolve(idOrName: string): Promise<Folder> {
    const folders = await this.list()
    const byId = folders.find((f) => f.id === idOrName)
    if (byId) return byId
    const key = folderNameKey(idOrName.trim())
    const byName = folders.find((f) => folderNameKey(f.name) === key)
    if (byName) return byName
    const byPrefix = folders.filter((f) => f.id.startsWith(idOrName))
    if (byPrefix.length === 1 && byPrefix[0]) return byPrefix[0]
    throw new MirrorError('NOT_FOUND', `No folder is named or has the id ${idOrName}.`, {
      folder: idOrName,
    })
  }

  pin(sessionId: string): Promise<Session> {
    return this.deps.storage.updateSession(checkId(sessionId, 'session'), { pinned: true })
  }

  unpin(sessionId: string): Promise<Session> {
    return this.deps.storage.updateSession(checkId(sessionId, 'session'), { pinned: false })
  }

  /** `folderId` null: out of any folder. An unknown folder is NOT_FOUND and nothing changes. */
  move(sessionId: string, folderId: string | null): Promise<Session> {
    const id = checkId(sessionId, 'session')
    return this.deps.storage.updateSession(id, {
      folderId: folderId === null ? null : checkId(folderId, 'folder'),
    })
  }
}
