import type { PoolClient } from 'pg'
import type { Folder, Message, MessagePage, Session, SessionPage } from '../../../shared/domain'
import { MirrorError } from '../../../shared/errors'
import { decodeSessionCursor, encodeSessionCursor } from '../cursor'
import { messageNotFound } from '../messageTree'
import { checkOneCursor, titleNeedle } from '../paging'
import { messageFromRow, sessionFromRow, versionedMessageFromRow } from '../sqlite/rows'
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
  StorageChangeListener,
  StorageProblem,
  StorageSearchHit,
  TreePage,
} from '../storage'
import { importOneByOne } from '../storage'
import { watchPgChanges } from './pgChanges'
import { importTree, insertChecked, insertNewSession } from './pgImport'
import { isUniqueViolation } from './pgErrors'
import { migratePostgres } from './pgMigrate'
import {
  getMessageRow,
  locateMessage,
  referencedAttachmentIds,
  treeRows,
  updateMessageRow,
} from './pgMessages'
import { PgPool, first, rows } from './pgPool'
import type { PgConnectionOptions, Queryable } from './pgPool'
import { searchMessages } from './pgSearch'
import {
  S_COLUMNS,
  checkFolderExists,
  deleteFolderRow,
  getSessionRow,
  insertFolder,
  listFolderRows,
  listSessionRows,
  lockSession,
  renameFolderRow,
  updateSessionRow,
} from './pgSessions'
import {
  appendToTree,
  deleteBranch,
  insertBranch,
  lockMessage,
  lockedLeaf,
  locateIn,
  noSession,
  pathPage,
  pathTo,
  settlePath,
  switchTo,
} from './pgTree'
import { siblingRows, walkUpFromLeaf } from './pgTreeQueries'
import { PgBlobs } from './pgBlobs'

export type PostgresStorageOptions = PgConnectionOptions

const TABLE: Record<IdKind, string> = { session: 'sessions', message: 'messages' }

/**
 * Sessions and messages in a PostgreSQL database shared by several machines (docs/storage.md
 * "PostgreSQL"). Every write is one transaction that first locks the session's row, so
 * concurrent writers to one session queue up and never lose or reorder messages; reads are
 * single statements or read-only transactions over one snapshot.
 */
export class PostgresStorage implements Storage {
  readonly kind = 'postgres' as const
  private readonly blobs: PgBlobs

  constructor(
    private readonly db: PgPool,
    private readonly url: string,
  ) {
    this.blobs = new PgBlobs(db)
  }

  /** Where the data is, without the password (for messages and the status line). */
  get location(): string {
    return this.db.where
  }

  /** Reads that must see one snapshot (a check, then a page). */
  private snapshot<T>(fn: (tx: PoolClient) => Promise<T>): Promise<T> {
    return this.db.write(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY')
      return fn(tx)
    })
  }

  createSession(session: Session): Promise<void> {
    return this.db.write((tx) => insertNewSession(tx, session))
  }

  getSession(id: string): Promise<Session> {
    return this.db.read(async (db) => {
      const row = await getSessionRow(db, id)
      if (!row) throw noSession(id)
      return sessionFromRow(row)
    })
  }

  hasSession(id: string): Promise<boolean> {
    return this.db.read(
      async (db) => (await first(db, 'SELECT 1 FROM sessions WHERE id = $1', [id])) !== undefined,
    )
  }

  /** An index range on the id (COLLATE "C"), the same ids in the same order as SQLite. */
  findIds(kind: IdKind, prefix: string, limit: number): Promise<string[]> {
    return this.db.read(async (db) => {
      const found = await rows<{ id: string }>(
        db,
        `SELECT id FROM ${TABLE[kind]} WHERE id >= $1 AND id < $2 AND starts_with(id, $1)
         ORDER BY id LIMIT $3`,
        [prefix, `${prefix}\u{10FFFF}`, Math.max(0, limit)],
      )
      return found.map((row) => row.id)
    })
  }

  listSessions(options: ListSessionsOptions = {}): Promise<SessionPage> {
    return this.db.read(async (db) => {
      const limit = options.limit ?? 50
      const found = await listSessionRows(db, {
        archived: options.archived ?? false,
        cursor: options.cursor ? decodeSessionCursor(options.cursor) : null,
        limit: limit + 1,
        titleNeedle: titleNeedle(options),
        folderId: options.folderId,
      })
      const items = found.slice(0, limit).map(sessionFromRow)
      const last = items[items.length - 1]
      return { items, nextCursor: found.length > limit && last ? encodeSessionCursor(last) : null }
    })
  }

  updateSession(id: string, patch: SessionPatch): Promise<Session> {
    return this.db.write(async (tx) => {
      await checkFolderExists(tx, patch.folderId)
      const row = await updateSessionRow(tx, id, patch)
      if (!row) throw noSession(id)
      return sessionFromRow(row)
    })
  }

  deleteSession(id: string): Promise<void> {
    return this.db.write(async (tx) => {
      if (!(await lockSession(tx, id))) throw noSession(id)
      await tx.query('DELETE FROM messages WHERE session_id = $1', [id])
      await tx.query('DELETE FROM sessions WHERE id = $1', [id])
    })
  }

  appendMessage(message: Message): Promise<void> {
    return this.db.write(async (tx) => {
      try {
        await appendToTree(tx, message)
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new MirrorError(
            'VALIDATION_FAILED',
            `A message with id ${message.id} already exists.`,
            {
              id: message.id,
            },
          )
        }
        throw error
      }
    })
  }

  updateMessage(message: Message): Promise<void> {
    return this.db.write(async (tx) => {
      const at = await lockMessage(tx, message.id)
      if (at.session_id !== message.sessionId) {
        throw new MirrorError('VALIDATION_FAILED', 'A message cannot move to another session.')
      }
      if (message.parentId !== undefined && message.parentId !== at.parent_id) {
        throw new MirrorError('VALIDATION_FAILED', 'A message cannot move to another parent.')
      }
      await updateMessageRow(tx, message)
    })
  }

  getMessage(id: string): Promise<Message> {
    return this.db.read(async (db) => {
      const row = await getMessageRow(db, id)
      if (!row) throw messageNotFound(id)
      return messageFromRow(row)
    })
  }

  async listMessages(sessionId: string, options: ListMessagesOptions = {}): Promise<MessagePage> {
    const limit = options.limit ?? 50
    if (!options.before && !options.after && limit > 0) {
      // The common read (open a session): one statement, one round trip.
      const found = await this.db.read((db) => walkUpFromLeaf(db, sessionId, limit + 1))
      if (found.length > 0) {
        const items = found.slice(0, limit).reverse().map(versionedMessageFromRow)
        return { items, hasOlder: found.length > limit }
      }
    }
    return this.snapshot(async (tx) => {
      checkOneCursor(options)
      const session = await first<{ leaf: string | null }>(
        tx,
        'SELECT current_leaf_id AS leaf FROM sessions WHERE id = $1',
        [sessionId],
      )
      if (!session) throw noSession(sessionId)
      return pathPage(tx, sessionId, session.leaf, options)
    })
  }

  listVersions(messageId: string): Promise<Message[]> {
    return this.snapshot(async (tx) => {
      const at = await locateMessage(tx, messageId)
      if (!at) throw messageNotFound(messageId)
      return (await siblingRows(tx, at.session_id, at.parent_id)).map(versionedMessageFromRow)
    })
  }

  switchToMessage(messageId: string): Promise<Session> {
    return this.db.write(async (tx) => this.sessionNow(tx, await switchTo(tx, messageId)))
  }

  deleteMessage(messageId: string): Promise<RemovedBranch> {
    return this.db.write(async (tx) => {
      const branch = await deleteBranch(tx, messageId)
      return { ...branch, session: await this.sessionNow(tx, branch.sessionId) }
    })
  }

  restoreMessages(
    sessionId: string,
    messages: Message[],
    options: { currentLeafId?: string | null } = {},
  ): Promise<Session> {
    return this.db.write(async (tx) => {
      const leaf = await lockedLeaf(tx, sessionId)
      const last = await insertChecked(() => insertBranch(tx, sessionId, leaf, messages))
      await settlePath(tx, sessionId, options.currentLeafId ?? leaf ?? last)
      return this.sessionNow(tx, sessionId)
    })
  }

  listPathTo(messageId: string): Promise<Message[]> {
    return this.snapshot((tx) => pathTo(tx, messageId))
  }

  listTree(sessionId: string, options: ListTreeOptions = {}): Promise<TreePage> {
    return this.snapshot(async (tx) => {
      if (!(await getSessionRow(tx, sessionId))) throw noSession(sessionId)
      const limit = options.limit ?? 500
      const after = options.after ? (await locateIn(tx, sessionId, options.after)).seq : '0'
      const found = await treeRows(tx, sessionId, after, limit + 1)
      return { items: found.slice(0, limit).map(messageFromRow), hasMore: found.length > limit }
    })
  }

  importSession(session: Session, messages: Message[]): Promise<void> {
    return this.db.write((tx) => importTree(tx, session, messages))
  }

  /** The whole batch in one transaction; when one session is refused, one session per write. */
  async importSessions(batch: SessionImport[]): Promise<SessionImportResult[]> {
    try {
      await this.db.write(async (tx) => {
        for (const { session, messages } of batch) await importTree(tx, session, messages)
      })
      return batch.map(() => null)
    } catch (error) {
      if (!(error instanceof MirrorError) || error.code === 'STORAGE_UNAVAILABLE') throw error
      if (batch.length === 1) return [error]
    }
    return importOneByOne(this, batch)
  }

  private async sessionNow(tx: Queryable, id: string): Promise<Session> {
    const row = await first<Parameters<typeof sessionFromRow>[0]>(
      tx,
      `SELECT ${S_COLUMNS} FROM sessions WHERE id = $1`,
      [id],
    )
    if (!row) throw noSession(id)
    return sessionFromRow(row)
  }

  listFolders(): Promise<Folder[]> {
    return this.db.read((db) => listFolderRows(db))
  }

  createFolder(folder: Folder): Promise<void> {
    return this.db.write((tx) => insertFolder(tx, folder))
  }

  renameFolder(id: string, name: string): Promise<Folder> {
    return this.db.write((tx) => renameFolderRow(tx, id, name))
  }

  deleteFolder(id: string): Promise<void> {
    return this.db.write((tx) => deleteFolderRow(tx, id))
  }

  search(query: string, options: SearchOptions = {}): Promise<StorageSearchHit[]> {
    return this.db.read((db) => searchMessages(db, query, options))
  }

  referencedAttachments(ids: readonly string[]): Promise<Set<string>> {
    return this.db.read((db) => referencedAttachmentIds(db, ids))
  }

  putAttachmentBytes(id: string, bytes: Uint8Array, sealed: boolean): Promise<void> {
    return this.blobs.put(id, bytes, sealed)
  }

  getAttachmentBytes(id: string): Promise<Buffer | null> {
    return this.blobs.get(id)
  }

  hasAttachmentBytes(id: string): Promise<boolean> {
    return this.blobs.has(id)
  }

  removeAttachmentBytes(ids: readonly string[]): Promise<string[]> {
    return this.blobs.remove(ids)
  }

  listAttachmentBytes(): Promise<string[]> {
    return this.blobs.list()
  }

  async problems(): Promise<StorageProblem[]> {
    return []
  }

  watchChanges(listener: StorageChangeListener): () => void {
    return watchPgChanges(
      { url: this.url, schema: this.db.schema, ownBackends: this.db.ownBackends },
      listener,
    )
  }

  async close(): Promise<void> {
    await this.db.close()
  }
}

/** Connects to the database at `options.url` and migrates it (docs/storage.md "PostgreSQL"). */
export async function openPostgresStorage(
  options: PostgresStorageOptions,
): Promise<PostgresStorage> {
  const db = new PgPool(options)
  try {
    await migratePostgres(db)
  } catch (error) {
    await db.close().catch(() => {})
    throw error
  }
  return new PostgresStorage(db, options.url)
}
