import type { Database, Transaction } from '../../sqlite/driver'
import type { Folder, Message, MessagePage, Session, SessionPage } from '../../../shared/domain'
import { MirrorError } from '../../../shared/errors'
import { decodeSessionCursor, encodeSessionCursor } from '../cursor'
import { checkOneCursor, titleNeedle } from '../paging'
import type {
  IdKind,
  ListMessagesOptions,
  ListSessionsOptions,
  ListTreeOptions,
  RemovedBranch,
  SearchOptions,
  SessionImport,
  SessionImportResult,
  SessionPatch,
  Storage,
  StorageProblem,
  StorageChangeListener,
  StorageSearchHit,
  TreePage,
} from '../storage'
import { importOneByOne } from '../storage'
import { watchChangeLog } from './changeLog'
import {
  checkFolderExists,
  deleteFolderRow,
  insertFolder,
  listFolderRows,
  renameFolderRow,
} from './folderQueries'
import { idsWithPrefix } from './idQueries'
import { insertPlannedMessages, insertUnplannedMessages } from './importTree'
import { planImportTree } from '../importPlan'
import { writeInBulk } from './ftsBulkIndex'
import { WriteLock } from '../../sqlite/writeLock'
import {
  deleteSessionMessages,
  getMessageRow,
  locateMessage,
  updateMessageRow,
  referencedAttachmentIds,
} from './messageQueries'
import { messageNotFound } from '../messageTree'
import {
  appendToTree,
  deleteBranch,
  insertBranch,
  locateIn,
  noSession,
  pathPage,
  pathTo,
  settlePath,
  switchTo,
} from './sqliteTree'
import { siblingRows, treeRows } from './treeQueries'
import { migrate } from './migrate'
import { openDatabase } from './openDatabase'
import type { OpenDatabaseOptions } from './openDatabase'
import { messageFromRow, sessionFromRow, versionedMessageFromRow } from './rows'
import { searchHits } from './searchQueries'
import {
  FOLD_FUNCTION,
  deleteSessionRow,
  getSessionRow,
  insertSession,
  listSessionRows,
  sessionExists,
  updateSessionRow,
} from './sessionQueries'
import { isConstraint, toMirrorError } from '../../sqlite/sqliteErrors'
import { normalizeToken } from '../textSearch'

export type SqliteStorageOptions = OpenDatabaseOptions

const noMessage = messageNotFound
const duplicateMessage = (id: string): MirrorError =>
  new MirrorError('VALIDATION_FAILED', `A message with id ${id} already exists.`, { id })

/** The default backend: one SQLite file, safe to share between the app, the CLI and the host. */
export class SqliteStorage implements Storage {
  readonly kind = 'sqlite' as const

  // The hot path's transaction is built once; better-sqlite3 wraps it in BEGIN IMMEDIATE/COMMIT.
  private readonly lock: WriteLock
  private readonly appendTransaction: Transaction<(message: Message) => void>

  constructor(
    private readonly db: Database,
    readonly filePath: string,
  ) {
    db.function(FOLD_FUNCTION, { deterministic: true }, (text: unknown) =>
      typeof text === 'string' ? normalizeToken(text) : null,
    )
    this.lock = new WriteLock(db)
    this.appendTransaction = this.lock.transaction((message: Message): void => {
      try {
        appendToTree(db, message)
      } catch (error) {
        if (isConstraint(error, 'UNIQUE')) throw duplicateMessage(message.id)
        throw error
      }
    })
  }

  /** Runs `fn`, turning SQLite failures (busy, corrupt, I/O) into typed MirrorErrors. */
  private run<T>(fn: () => T): Promise<T> {
    try {
      return Promise.resolve(fn())
    } catch (error) {
      return Promise.reject(toMirrorError(error, this.filePath))
    }
  }

  /** IMMEDIATE: take the write lock up front (waiting as WriteLock does), so writers never deadlock. */
  private write<T>(fn: () => T): Promise<T> {
    return this.run(() => this.lock.immediate(this.lock.transaction(fn)))
  }

  /** Inside a write: a session id that is taken is the caller's mistake, not a crash. */
  private insertNewSession(session: Session, currentLeafId: string | null = null): void {
    checkFolderExists(this.db, session.folderId)
    try {
      insertSession(this.db, session, currentLeafId)
    } catch (error) {
      if (isConstraint(error, 'PRIMARYKEY')) {
        throw new MirrorError(
          'VALIDATION_FAILED',
          `A session with id ${session.id} already exists.`,
        )
      }
      throw error
    }
  }

  createSession(session: Session): Promise<void> {
    return this.write(() => {
      this.insertNewSession(session)
    })
  }

  getSession(id: string): Promise<Session> {
    return this.run(() => {
      const row = getSessionRow(this.db, id)
      if (!row) throw noSession(id)
      return sessionFromRow(row)
    })
  }

  hasSession(id: string): Promise<boolean> {
    return this.run(() => sessionExists(this.db, id))
  }

  findIds(kind: IdKind, prefix: string, limit: number): Promise<string[]> {
    return this.run(() => idsWithPrefix(this.db, kind, prefix, limit))
  }

  listSessions(options: ListSessionsOptions = {}): Promise<SessionPage> {
    return this.run(() => {
      const limit = options.limit ?? 50
      const rows = listSessionRows(this.db, {
        archived: options.archived ?? false,
        cursor: options.cursor ? decodeSessionCursor(options.cursor) : null,
        limit: limit + 1,
        titleNeedle: titleNeedle(options),
        folderId: options.folderId,
      })
      const items = rows.slice(0, limit).map(sessionFromRow)
      const last = items[items.length - 1]
      return { items, nextCursor: rows.length > limit && last ? encodeSessionCursor(last) : null }
    })
  }

  updateSession(id: string, patch: SessionPatch): Promise<Session> {
    return this.write(() => {
      checkFolderExists(this.db, patch.folderId)
      const row = updateSessionRow(this.db, id, patch)
      if (!row) throw noSession(id)
      return sessionFromRow(row)
    })
  }

  deleteSession(id: string): Promise<void> {
    return this.write(() => {
      deleteSessionMessages(this.db, id)
      if (deleteSessionRow(this.db, id) === 0) throw noSession(id)
    })
  }

  /** One small IMMEDIATE transaction: INSERT the message, bump the session's counters. */
  appendMessage(message: Message): Promise<void> {
    return this.run(() => this.lock.immediate(this.appendTransaction, message))
  }

  updateMessage(message: Message): Promise<void> {
    return this.write(() => {
      const at = locateMessage(this.db, message.id)
      if (!at) throw noMessage(message.id)
      if (at.session_id !== message.sessionId) {
        throw new MirrorError('VALIDATION_FAILED', 'A message cannot move to another session.')
      }
      if (message.parentId !== undefined && message.parentId !== at.parent_id) {
        throw new MirrorError('VALIDATION_FAILED', 'A message cannot move to another parent.')
      }
      updateMessageRow(this.db, message)
    })
  }

  getMessage(id: string): Promise<Message> {
    return this.run(() => {
      const row = getMessageRow(this.db, id)
      if (!row) throw noMessage(id)
      return messageFromRow(row)
    })
  }

  listMessages(sessionId: string, options: ListMessagesOptions = {}): Promise<MessagePage> {
    // A read transaction so the session check and the page see the same snapshot.
    return this.run(() =>
      this.db.transaction((): MessagePage => {
        checkOneCursor(options)
        return pathPage(this.db, sessionId, options)
      })(),
    )
  }

  listVersions(messageId: string): Promise<Message[]> {
    return this.run(() =>
      this.db.transaction((): Message[] => {
        const at = locateMessage(this.db, messageId)
        if (!at) throw noMessage(messageId)
        return siblingRows(this.db, at.session_id, at.parent_id).map(versionedMessageFromRow)
      })(),
    )
  }

  switchToMessage(messageId: string): Promise<Session> {
    return this.write(() => this.sessionNow(switchTo(this.db, messageId)))
  }

  deleteMessage(messageId: string): Promise<RemovedBranch> {
    return this.write(() => {
      const branch = deleteBranch(this.db, messageId)
      return { ...branch, session: this.sessionNow(branch.sessionId) }
    })
  }

  restoreMessages(
    sessionId: string,
    messages: Message[],
    options: { currentLeafId?: string | null } = {},
  ): Promise<Session> {
    return this.write(() => {
      const previous = getSessionRow(this.db, sessionId)
      if (!previous) throw noSession(sessionId)
      const last = this.insertChecked(() => insertBranch(this.db, sessionId, messages))
      settlePath(this.db, sessionId, options.currentLeafId ?? previous.current_leaf_id ?? last)
      return this.sessionNow(sessionId)
    })
  }

  listPathTo(messageId: string): Promise<Message[]> {
    return this.run(() => this.db.transaction(() => pathTo(this.db, messageId))())
  }

  listTree(sessionId: string, options: ListTreeOptions = {}): Promise<TreePage> {
    return this.run(() =>
      this.db.transaction((): TreePage => {
        if (!sessionExists(this.db, sessionId)) throw noSession(sessionId)
        const limit = options.limit ?? 500
        const after = options.after ? locateIn(this.db, sessionId, options.after).seq : 0
        const rows = treeRows(this.db, sessionId, after, limit + 1)
        return { items: rows.slice(0, limit).map(messageFromRow), hasMore: rows.length > limit }
      })(),
    )
  }

  importSession(session: Session, messages: Message[]): Promise<void> {
    return this.write(() => this.insertImported(session, messages))
  }

  /**
   * One IMMEDIATE transaction for the whole batch. When a session is refused, that transaction
   * is rolled back and the batch is written again one session per transaction, so only the
   * refused one is left out. (Not a savepoint per session: FTS5 flushes its pending index at
   * each savepoint, which costs more than the transaction saves.) The caller sizes the batch,
   * which bounds how long the write lock is held; the search index is merged in bounded steps
   * (ftsBulkIndex.ts), never all at once at the commit.
   */
  async importSessions(batch: SessionImport[]): Promise<SessionImportResult[]> {
    try {
      await this.write(() =>
        writeInBulk(this.db, () => {
          for (const { session, messages } of batch) this.insertImported(session, messages)
        }),
      )
      return batch.map(() => null)
    } catch (error) {
      if (!(error instanceof MirrorError)) throw error
      if (batch.length === 1) return [error]
    }
    return importOneByOne(this, batch)
  }

  private insertImported(session: Session, messages: Message[]): void {
    const target = session.currentLeafId ?? undefined
    const plan = planImportTree(session.id, messages, target)
    if (!plan) {
      this.insertNewSession({ ...session, messageCount: 0 })
      this.insertChecked(() => insertUnplannedMessages(this.db, session.id, messages, target))
      return
    }
    this.insertNewSession({ ...session, messageCount: plan.stored.length }, plan.leaf)
    insertPlannedMessages(this.db, plan)
  }

  /** Inside a write: the row as it is now. */
  private sessionNow(id: string): Session {
    const row = getSessionRow(this.db, id)
    if (!row) throw noSession(id)
    return sessionFromRow(row)
  }

  /** A taken message id is the caller's mistake: VALIDATION_FAILED, and nothing is written. */
  private insertChecked<T>(fn: () => T): T {
    try {
      return fn()
    } catch (error) {
      if (isConstraint(error, 'UNIQUE')) {
        throw new MirrorError(
          'VALIDATION_FAILED',
          'A message with one of these ids already exists.',
        )
      }
      throw error
    }
  }

  listFolders(): Promise<Folder[]> {
    return this.run(() => listFolderRows(this.db))
  }

  createFolder(folder: Folder): Promise<void> {
    return this.write(() => insertFolder(this.db, folder))
  }

  renameFolder(id: string, name: string): Promise<Folder> {
    return this.write(() => renameFolderRow(this.db, id, name))
  }

  deleteFolder(id: string): Promise<void> {
    return this.write(() => deleteFolderRow(this.db, id))
  }

  search(query: string, options: SearchOptions = {}): Promise<StorageSearchHit[]> {
    return this.run(() => searchHits(this.db, query, options))
  }

  referencedAttachments(ids: readonly string[]): Promise<Set<string>> {
    return this.run(() => referencedAttachmentIds(this.db, ids))
  }

  async problems(): Promise<StorageProblem[]> {
    return []
  }

  watchChanges(listener: StorageChangeListener): () => void {
    return watchChangeLog(this.db, listener)
  }

  async close(): Promise<void> {
    if (!this.db.open) return
    try {
      // Cheap; keeps query planner statistics fresh for the next open.
      this.db.pragma('optimize')
    } catch {
      // A busy database must not prevent closing.
    }
    this.db.close()
  }
}

/** Opens (creating if needed) and migrates the database at `filePath`. */
export async function openSqliteStorage(
  filePath: string,
  options: SqliteStorageOptions = {},
): Promise<SqliteStorage> {
  const db = openDatabase(filePath, options)
  try {
    migrate(db, { fileName: filePath })
  } catch (error) {
    db.close()
    throw toMirrorError(error, filePath)
  }
  return new SqliteStorage(db, filePath)
}
