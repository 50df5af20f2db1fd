import type { Folder, Message, MessagePage, Session, SessionPage } from '../../../shared/domain'
import { MirrorError } from '../../../shared/errors'
import type {
  IdKind,
  ListMessagesOptions,
  ListSessionsOptions,
  ListTreeOptions,
  RemovedBranch,
  SearchOptions,
  SessionPatch,
  Storage,
  StorageChangeListener,
  StorageProblem,
  StorageSearchHit,
  TreePage,
} from '../storage'
import { idsWithPrefix } from '../idPrefix'
import { messageNotFound } from '../messageTree'
import { appendTo, replaceIn, restoreInto } from '../treeEdits'
import { pagePath, pageSessions, pageTree } from '../paging'
import { editableTree, treeOf } from './recordTree'
import { searchRecords } from '../textSearch'
import type { SessionRecord } from './sdkMapping'
import { StoreFiles } from './storeFiles'
import { removeStrayTempFiles } from './storeMaintenance'
import { addSession, removeSession } from './storeSessions'
import { addFolder, checkFolder, readFolders, removeFolder, renameFolder } from './storeFolders'
import { withStoreLock } from './storeLock'
import { loadStore } from './storeLoader'
import type { StoreState } from './storeLoader'
import { nodeStoreFs } from '../../fs/storeFs'
import type { StoreFs } from '../../fs/storeFs'
import { StoreWatcher } from './storeWatcher'
import { ChangeNotifier, refreshNoted } from './storeChanges'

export interface JsonStorageOptions {
  /** File operations; tests inject failing ones. */
  fs?: StoreFs
  /** Time written to index.json's `updatedAt`. */
  now?: () => Date
}

const clone = <T>(value: T): T => structuredClone(value)

/** How long opening waits for another writer before it skips the start-up clean-up. */
const OPEN_LOCK_TIMEOUT_MS = 2_000

/** Opens (creating if needed) a JSON folder store in the ActiveMirrorOS JS SDK layout. */
export async function openJsonStorage(
  dir: string,
  options: JsonStorageOptions = {},
): Promise<JsonStorage> {
  const fs = options.fs ?? nodeStoreFs
  const state = await loadStore(fs, dir)
  const storage = new JsonStorage(dir, state, fs, options.now ?? (() => new Date()))
  await storage.tidyUp()
  return storage
}

/**
 * The portable backend (docs/json-store.md). Everything listed in index.json is served from
 * memory, but other programs (another ActiveMirror process, the SDK) may write the folder at
 * any time: every change runs under the folder lock on the files as they are on disk then (a
 * file rewritten since we read it is read again first), so no write is based on a stale copy.
 * Reads re-read a session whose file changed.
 */
export class JsonStorage implements Storage {
  readonly kind = 'json' as const
  private queue: Promise<void> = Promise.resolve()
  private readonly watcher: StoreWatcher
  private readonly files: StoreFiles
  private readonly state: StoreState
  private readonly fs: StoreFs
  private readonly changes = new ChangeNotifier(() => this.refreshChanged())

  constructor(
    readonly dir: string,
    state: StoreState,
    fs: StoreFs,
    now: () => Date,
  ) {
    this.files = new StoreFiles(dir, state, fs, now)
    this.state = state
    this.fs = fs
    this.watcher = new StoreWatcher(dir)
    this.watcher.notify(() => this.changes.noted())
  }

  /** One at a time within the process (a promise queue). */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task)
    this.queue = run.then(
      () => undefined,
      () => undefined,
    )
    return run
  }

  /** One at a time across processes too: the task reads and writes under the folder lock. */
  private locked<T>(task: () => Promise<T>, timeoutMs?: number): Promise<T> {
    return this.exclusive(() =>
      withStoreLock(
        this.dir,
        async () => {
          await this.files.syncIndex()
          return task()
        },
        { timeoutMs },
      ),
    )
  }

  /** Start-up clean-up: stray temp files, interrupted deletes, session files the index lost. */
  async tidyUp(): Promise<void> {
    if (this.state.indexProblem) return
    await this.locked(async () => {
      await removeStrayTempFiles(this.fs, this.dir)
      await this.files.reconcile(this.files.listed())
    }, OPEN_LOCK_TIMEOUT_MS).catch(() => {
      // A busy or read-only folder still opens; the clean-up runs at the next start.
    })
  }

  /** For reads: the session as on disk (one stat; read again only if its file changed). */
  private async fresh(id: string): Promise<SessionRecord> {
    this.files.assertIndexUsable()
    if (!this.state.records.has(id) && !this.state.corrupt.has(id)) {
      await this.exclusive(() => this.files.syncIndex(false))
    }
    return this.exclusive(() => this.files.current(id))
  }

  /**
   * For listing, search and live change reports: every session another program changed since
   * the last look is read again, and reported to whoever watches.
   */
  private async refreshChanged(): Promise<void> {
    this.files.assertIndexUsable()
    const change = await this.exclusive(() => refreshNoted(this.files, this.watcher.takeChanged()))
    this.changes.emit(change)
  }

  /** Folder watching (docs/json-store.md); nothing is reported where it is not possible. */
  watchChanges(listener: StorageChangeListener): () => void {
    return this.changes.add(listener)
  }

  createSession(session: Session): Promise<void> {
    return this.locked(async () => {
      await checkFolder(this.files, session.folderId)
      await addSession(this.files, clone(session), [])
    })
  }

  importSession(session: Session, messages: Message[]): Promise<void> {
    return this.locked(async () => {
      await checkFolder(this.files, session.folderId)
      await addSession(this.files, clone(session), messages.map(clone))
    })
  }

  async getSession(id: string): Promise<Session> {
    return clone((await this.fresh(id)).session)
  }

  async hasSession(id: string): Promise<boolean> {
    this.files.assertIndexUsable()
    if (!this.state.records.has(id) && !this.state.corrupt.has(id)) {
      await this.exclusive(() => this.files.syncIndex(false))
    }
    return this.state.records.has(id) || this.state.corrupt.has(id)
  }

  /** A damaged session file's id is found too: reading it then names the file. */
  async findIds(kind: IdKind, prefix: string, limit: number): Promise<string[]> {
    await this.refreshChanged()
    const ids =
      kind === 'session'
        ? [...this.state.records.keys(), ...this.state.corrupt.keys()]
        : this.state.messageSession.keys()
    return idsWithPrefix(ids, prefix, limit)
  }

  async listSessions(options: ListSessionsOptions = {}): Promise<SessionPage> {
    await this.refreshChanged()
    return pageSessions(
      [...this.state.records.values()].map((r) => r.session),
      options,
    )
  }

  updateSession(id: string, patch: SessionPatch): Promise<Session> {
    return this.locked(async () => {
      const record = await this.files.current(id)
      await checkFolder(this.files, patch.folderId)
      const session: Session = { ...record.session }
      if (patch.updatedAt !== undefined) session.updatedAt = patch.updatedAt
      if (patch.title !== undefined) session.title = patch.title
      if (patch.archived !== undefined) session.archived = patch.archived
      if (patch.metadata !== undefined) session.metadata = clone(patch.metadata)
      if (patch.pinned !== undefined) session.pinned = patch.pinned
      if (patch.folderId !== undefined) session.folderId = patch.folderId
      const written = await this.files.writeSession(session, treeOf(record), record)
      return clone(written.session)
    })
  }

  deleteSession(id: string): Promise<void> {
    return this.locked(async () => {
      await this.files.current(id)
      await removeSession(this.files, id)
    })
  }

  appendMessage(message: Message): Promise<void> {
    return this.locked(async () => {
      const record = await this.files.current(message.sessionId)
      if (this.state.messageSession.has(message.id)) {
        throw new MirrorError(
          'VALIDATION_FAILED',
          `A message with id ${message.id} already exists.`,
        )
      }
      const tree = editableTree(record)
      appendTo(tree, message)
      const session = { ...record.session, updatedAt: message.createdAt }
      await this.files.writeSession(session, tree, record)
    })
  }

  updateMessage(message: Message): Promise<void> {
    return this.locked(async () => {
      const record = await this.recordOf(message.id)
      if (record.session.id !== message.sessionId) {
        throw new MirrorError('VALIDATION_FAILED', 'A message cannot move to another session.')
      }
      const tree = editableTree(record)
      replaceIn(tree, message)
      await this.files.writeSession(record.session, tree, record)
    })
  }

  /** Under the lock: the current record of the session holding `messageId`. */
  private async recordOf(messageId: string): Promise<SessionRecord> {
    const sessionId = this.state.messageSession.get(messageId)
    if (sessionId === undefined) throw messageNotFound(messageId)
    const record = await this.files.current(sessionId)
    if (!treeOf(record).has(messageId)) throw messageNotFound(messageId)
    return record
  }

  /** For reads: the fresh record of the session holding `messageId`. */
  private async freshOf(messageId: string): Promise<SessionRecord> {
    this.files.assertIndexUsable()
    const sessionId = this.state.messageSession.get(messageId)
    if (sessionId === undefined) throw messageNotFound(messageId)
    const record = await this.fresh(sessionId).catch((error: unknown) => {
      throw error instanceof MirrorError && error.code === 'NOT_FOUND'
        ? messageNotFound(messageId)
        : error
    })
    if (!treeOf(record).has(messageId)) throw messageNotFound(messageId)
    return record
  }

  async getMessage(id: string): Promise<Message> {
    return clone(treeOf(await this.freshOf(id)).require(id))
  }

  async listMessages(sessionId: string, options: ListMessagesOptions = {}): Promise<MessagePage> {
    return pagePath(treeOf(await this.fresh(sessionId)), options)
  }

  async listVersions(messageId: string): Promise<Message[]> {
    const tree = treeOf(await this.freshOf(messageId))
    return tree.siblings(messageId).map((m) => clone(tree.withVersion(m)))
  }

  async listPathTo(messageId: string): Promise<Message[]> {
    return clone(treeOf(await this.freshOf(messageId)).pathTo(messageId))
  }

  async listTree(sessionId: string, options: ListTreeOptions = {}): Promise<TreePage> {
    return pageTree(treeOf(await this.fresh(sessionId)), options)
  }

  switchToMessage(messageId: string): Promise<Session> {
    return this.locked(async () => {
      const record = await this.recordOf(messageId)
      const tree = editableTree(record)
      tree.select(messageId)
      return clone((await this.files.writeSession(record.session, tree, record)).session)
    })
  }

  deleteMessage(messageId: string): Promise<RemovedBranch> {
    return this.locked(async () => {
      const record = await this.recordOf(messageId)
      const tree = editableTree(record)
      const previousLeafId = tree.leafId()
      const removed = tree.remove(messageId)
      const written = await this.files.writeSession(record.session, tree, record)
      return {
        sessionId: record.session.id,
        removed: clone(removed),
        previousLeafId,
        session: clone(written.session),
      }
    })
  }

  restoreMessages(
    sessionId: string,
    messages: Message[],
    options: { currentLeafId?: string | null } = {},
  ): Promise<Session> {
    return this.locked(async () => {
      const record = await this.files.current(sessionId)
      const tree = editableTree(record)
      restoreInto(tree, sessionId, messages, options.currentLeafId, (id) =>
        this.state.messageSession.has(id),
      )
      return clone((await this.files.writeSession(record.session, tree, record)).session)
    })
  }

  listFolders(): Promise<Folder[]> {
    return this.exclusive(() => readFolders(this.files))
  }

  createFolder(folder: Folder): Promise<void> {
    return this.locked(() => addFolder(this.files, clone(folder)))
  }

  renameFolder(id: string, name: string): Promise<Folder> {
    return this.locked(() => renameFolder(this.files, id, name))
  }

  deleteFolder(id: string): Promise<void> {
    return this.locked(() => removeFolder(this.files, id))
  }

  async search(query: string, options: SearchOptions = {}): Promise<StorageSearchHit[]> {
    await this.refreshChanged()
    const records = [...this.state.records.values()].map((r) => ({
      session: r.session,
      messages: r.messages,
      onPath: new Set(
        treeOf(r)
          .path()
          .map((m) => m.id),
      ),
    }))
    return searchRecords(records, query, options)
  }

  async problems(): Promise<StorageProblem[]> {
    return clone([...this.state.problems, ...this.state.unlisted])
  }

  async close(): Promise<void> {
    this.changes.close()
    this.watcher.close()
    await this.queue
  }
}
