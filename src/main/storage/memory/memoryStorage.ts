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
  StorageProblem,
  StorageSearchHit,
  TreePage,
} from '../storage'
import { idsWithPrefix } from '../idPrefix'
import { folderNotFound, withFolder, withoutFolder, withRenamed } from '../folderList'
import { MessageTree, messageNotFound } from '../messageTree'
import { appendTo, importedTree, replaceIn, restoreInto } from '../treeEdits'
import { pagePath, pageSessions, pageTree } from '../paging'
import { searchRecords } from '../textSearch'

interface Entry {
  session: Session
  tree: MessageTree
}

const clone = <T>(value: T): T => structuredClone(value)

/** Ephemeral storage for tests and temporary chats. Values are copied in and out. */
export class MemoryStorage implements Storage {
  readonly kind = 'memory' as const
  private readonly sessions = new Map<string, Entry>()
  private readonly messageSession = new Map<string, string>()
  private folders: Folder[] = []

  private entry(id: string): Entry {
    const entry = this.sessions.get(id)
    if (!entry) throw new MirrorError('NOT_FOUND', `No session with id ${id}.`, { id })
    return entry
  }

  /** The session as callers see it: counters and current leaf from the tree. */
  private view(entry: Entry): Session {
    return clone({
      ...entry.session,
      messageCount: entry.tree.size,
      currentLeafId: entry.tree.leafId(),
      pinned: entry.session.pinned ?? false,
      folderId: entry.session.folderId ?? null,
    })
  }

  private checkFolder(folderId: string | null | undefined): void {
    if (folderId && !this.folders.some((f) => f.id === folderId)) throw folderNotFound(folderId)
  }

  async createSession(session: Session): Promise<void> {
    if (this.sessions.has(session.id)) {
      throw new MirrorError('VALIDATION_FAILED', `A session with id ${session.id} already exists.`)
    }
    this.checkFolder(session.folderId)
    this.sessions.set(session.id, { session: clone(session), tree: new MessageTree() })
  }

  async getSession(id: string): Promise<Session> {
    return this.view(this.entry(id))
  }

  async hasSession(id: string): Promise<boolean> {
    return this.sessions.has(id)
  }

  async findIds(kind: IdKind, prefix: string, limit: number): Promise<string[]> {
    const ids = kind === 'session' ? this.sessions.keys() : this.messageSession.keys()
    return idsWithPrefix(ids, prefix, limit)
  }

  async listSessions(options: ListSessionsOptions = {}): Promise<SessionPage> {
    return pageSessions(
      [...this.sessions.values()].map((e) => this.view(e)),
      options,
    )
  }

  async updateSession(id: string, patch: SessionPatch): Promise<Session> {
    const entry = this.entry(id)
    this.checkFolder(patch.folderId)
    const { updatedAt = entry.session.updatedAt, ...rest } = patch
    entry.session = { ...entry.session, ...clone(rest), updatedAt }
    return this.view(entry)
  }

  async deleteSession(id: string): Promise<void> {
    const entry = this.entry(id)
    for (const m of entry.tree.all()) this.messageSession.delete(m.id)
    this.sessions.delete(id)
  }

  async appendMessage(message: Message): Promise<void> {
    const entry = this.entry(message.sessionId)
    if (this.messageSession.has(message.id)) {
      throw new MirrorError('VALIDATION_FAILED', `A message with id ${message.id} already exists.`)
    }
    appendTo(entry.tree, message)
    this.messageSession.set(message.id, message.sessionId)
    entry.session = { ...entry.session, updatedAt: message.createdAt }
  }

  private locate(id: string): Entry {
    const sessionId = this.messageSession.get(id)
    const entry = sessionId ? this.sessions.get(sessionId) : undefined
    if (!entry || !entry.tree.has(id)) throw messageNotFound(id)
    return entry
  }

  async updateMessage(message: Message): Promise<void> {
    const entry = this.locate(message.id)
    if (entry.session.id !== message.sessionId) {
      throw new MirrorError('VALIDATION_FAILED', 'A message cannot move to another session.')
    }
    replaceIn(entry.tree, message)
  }

  async getMessage(id: string): Promise<Message> {
    return clone(this.locate(id).tree.require(id))
  }

  async listMessages(sessionId: string, options: ListMessagesOptions = {}): Promise<MessagePage> {
    return pagePath(this.entry(sessionId).tree, options)
  }

  async listVersions(messageId: string): Promise<Message[]> {
    const tree = this.locate(messageId).tree
    return tree.siblings(messageId).map((m) => clone(tree.withVersion(m)))
  }

  async switchToMessage(messageId: string): Promise<Session> {
    const entry = this.locate(messageId)
    entry.tree.select(messageId)
    return this.view(entry)
  }

  async deleteMessage(messageId: string): Promise<RemovedBranch> {
    const entry = this.locate(messageId)
    const previousLeafId = entry.tree.leafId()
    const removed = entry.tree.remove(messageId)
    for (const m of removed) this.messageSession.delete(m.id)
    return {
      sessionId: entry.session.id,
      removed: clone(removed),
      previousLeafId,
      session: this.view(entry),
    }
  }

  async restoreMessages(
    sessionId: string,
    messages: Message[],
    options: { currentLeafId?: string | null } = {},
  ): Promise<Session> {
    const entry = this.entry(sessionId)
    // Built on a copy: all or nothing.
    const trial = MessageTree.from(entry.tree.all(), entry.tree.choices())
    restoreInto(trial, sessionId, messages, options.currentLeafId, (id) =>
      this.messageSession.has(id),
    )
    entry.tree = trial
    for (const m of trial.all()) this.messageSession.set(m.id, sessionId)
    return this.view(entry)
  }

  async listPathTo(messageId: string): Promise<Message[]> {
    return clone(this.locate(messageId).tree.pathTo(messageId))
  }

  async listTree(sessionId: string, options: ListTreeOptions = {}): Promise<TreePage> {
    return pageTree(this.entry(sessionId).tree, options)
  }

  async importSession(session: Session, messages: Message[]): Promise<void> {
    if (this.sessions.has(session.id)) {
      throw new MirrorError('VALIDATION_FAILED', `A session with id ${session.id} already exists.`)
    }
    this.checkFolder(session.folderId)
    const tree = importedTree(session.id, messages, session.currentLeafId, (id) =>
      this.messageSession.has(id),
    )
    const { currentLeafId: _leaf, ...rest } = clone(session)
    this.sessions.set(session.id, { session: rest, tree })
    for (const m of tree.all()) this.messageSession.set(m.id, session.id)
  }

  async listFolders(): Promise<Folder[]> {
    return clone(this.folders)
  }

  async createFolder(folder: Folder): Promise<void> {
    this.folders = withFolder(this.folders, clone(folder))
  }

  async renameFolder(id: string, name: string): Promise<Folder> {
    const renamed = withRenamed(this.folders, id, name)
    this.folders = renamed.folders
    return clone(renamed.folder)
  }

  async deleteFolder(id: string): Promise<void> {
    this.folders = withoutFolder(this.folders, id)
    for (const entry of this.sessions.values()) {
      if (entry.session.folderId === id) entry.session = { ...entry.session, folderId: null }
    }
  }

  async search(query: string, options: SearchOptions = {}): Promise<StorageSearchHit[]> {
    const records = [...this.sessions.values()].map((e) => ({
      session: e.session,
      messages: e.tree.all(),
      onPath: new Set(e.tree.path().map((m) => m.id)),
    }))
    return searchRecords(records, query, options)
  }

  async problems(): Promise<StorageProblem[]> {
    return []
  }

  async close(): Promise<void> {}
}
