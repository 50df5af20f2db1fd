import type {
  Folder,
  Message,
  MessagePage,
  SearchHit,
  Session,
  SessionPage,
} from '../../shared/domain'
import { isMirrorError, MirrorError } from '../../shared/errors'

/** One session of a batch import, as `Storage.importSession` takes it. */
export interface SessionImport {
  session: Session
  messages: Message[]
}

/** What became of one session of a batch import: null when written, else why not. */
export type SessionImportResult = MirrorError | null

/** What every backend throws for a session id it does not hold. */
export const noSession = (id: string): MirrorError =>
  new MirrorError('NOT_FOUND', `No session with id ${id}.`, { id })

/** The backends createMirror opens by name (`--storage`). */
export type StorageKind = 'sqlite' | 'json' | 'memory' | 'postgres'

/** What a Storage says it is: a built-in backend, or `'custom'` for one written elsewhere. */
export type StorageBackendKind = StorageKind | 'custom'

/** What `Storage.findIds` looks in. */
export type IdKind = 'session' | 'message'

export interface ListSessionsOptions {
  /** false (default): active only; true: archived only; 'all': both. */
  archived?: boolean | 'all'
  /** Page size, default 50. */
  limit?: number
  /** Cursor from a previous page's `nextCursor`. */
  cursor?: string | null
  /**
   * Only sessions whose title contains this text, ignoring case and accents (both sides go
   * through `normalizeToken`). Blank means no filter.
   */
  titleContains?: string
  /** A folder id: only the sessions filed there; null: only those in no folder. */
  folderId?: string | null
}

/**
 * Paging over the session's CURRENT PATH (root to current leaf). `before` and `after` name a
 * message on that path; one that is not on it is NOT_FOUND (switch to it first).
 */
export interface ListMessagesOptions {
  /** How many of the newest messages (before `before`, when given) to return; default 50. */
  limit?: number
  /** Message id: return messages strictly older than this one. */
  before?: string | null
  /**
   * Message id: return the `limit` messages directly after this one instead, oldest first
   * (`hasOlder` is then true: this message is older). Not together with `before`.
   */
  after?: string | null
}

export interface SessionPatch {
  title?: string
  archived?: boolean
  metadata?: Record<string, unknown>
  pinned?: boolean
  /** A folder that does not exist is NOT_FOUND, and nothing changes. */
  folderId?: string | null
  /** Left out: unchanged (pinning and moving are not activity). */
  updatedAt?: string
}

export interface SearchOptions {
  limit?: number
  /** Include archived sessions' messages (default true). */
  includeArchived?: boolean
  /**
   * Match messages holding ANY of the terms instead of all of them (default false). Ranking is
   * bm25, so messages holding more of the terms, and rarer ones, come first (recall uses this).
   */
  anyTerms?: boolean
  /** Leave these sessions' messages out; `limit` counts only the hits that remain. */
  excludeSessionIds?: readonly string[]
}

/** A search hit with its relevance, as the backends return it. */
export interface StorageSearchHit extends SearchHit {
  /** Every version is searched; false when the hit is not on its session's current path. */
  onCurrentPath: boolean
  sessionArchived: boolean
  /**
   * bm25 relevance, higher is better (the same formula on every backend). Comparable only within the
   * results of one query: divide by the first hit's score for a relevance in (0, 1].
   */
  score: number
}

/** Paging over every message of a session (all versions), parents before their children. */
export interface ListTreeOptions {
  /** Page size, default 500. */
  limit?: number
  /** Message id from the previous page's last item: continue after it. */
  after?: string | null
}

export interface TreePage {
  /** Each message with its `parentId`; a parent always comes before its children. */
  items: Message[]
  hasMore: boolean
}

/** What deleteMessage removed, so a caller can offer Undo (restoreMessages puts it back). */
export interface RemovedBranch {
  sessionId: string
  /** The message and everything below it, parents before children, with their `parentId`s. */
  removed: Message[]
  /** The session's current leaf before the delete (restore it to undo exactly). */
  previousLeafId: string | null
  /** The session after the delete (new `currentLeafId` and `messageCount`). */
  session: Session
}

/** A problem found while reading a store that does not stop the rest from loading. */
export interface StorageProblem {
  /** File name (relative to the store) or table the problem is in. */
  location: string
  reason: string
}

/**
 * What other processes changed in a store (docs/storage.md "Other processes"). A backend may
 * name a session this process changed itself too; listeners treat a change as "read it again".
 */
export interface StorageChange {
  /** Sessions created, changed (title, archive state, messages, …) or deleted. */
  sessionIds: string[]
  /** More changed than `sessionIds` names (a backlog, an unwatchable folder): re-read all. */
  all: boolean
  /** Folders were created, renamed or deleted: read the folder list again (`all` implies it). */
  folders?: boolean
}

export type StorageChangeListener = (change: StorageChange) => void

/**
 * Persistence for sessions and messages. Async so that networked backends (PostgreSQL) fit.
 * Ids and timestamps are chosen by the caller (the services); a backend stores what it is given.
 * Every backend must pass the conformance suite (src/testing, shipped as `activemirror/testing`).
 *
 * Errors: unknown ids -> MirrorError NOT_FOUND; unreadable data -> STORAGE_CORRUPT (naming the
 * file); a backend never deletes or rewrites data it could not parse.
 */
export interface Storage {
  /** A custom backend (one passed to `createMirror({ storage })`) says `'custom'`. */
  readonly kind: StorageBackendKind

  createSession(session: Session): Promise<void>
  getSession(id: string): Promise<Session>
  /** Pinned sessions first, then most recently updated first (ties: id, descending). */
  listSessions(options?: ListSessionsOptions): Promise<SessionPage>
  updateSession(id: string, patch: SessionPatch): Promise<Session>
  /** Deletes the session and all of its messages. */
  deleteSession(id: string): Promise<void>

  // ── folders (docs/organising.md) ────────────────────────────────────────────────────────────
  // Sessions are filed with updateSession({ folderId }). Folder names are unique ignoring case
  // (`folderNameKey`): a clash is FOLDER_EXISTS, checked inside the write so two processes
  // cannot both create one.

  /** Every folder, by name (case-insensitively). */
  listFolders(): Promise<Folder[]>
  createFolder(folder: Folder): Promise<void>
  renameFolder(id: string, name: string): Promise<Folder>
  /** Deletes the folder; its sessions stay, in no folder, their `updatedAt` unchanged. */
  deleteFolder(id: string): Promise<void>

  // ── the message tree (docs/storage.md "Message tree") ─────────────────────────────────────
  // Each message has a parent (`parentId`, null for a first message); messages with the same
  // parent are versions (siblings) of one position, oldest first, never overwritten. The
  // session's current leaf defines the current path (root → leaf), which is what listMessages
  // pages through. Every message with children remembers which child was used last, so a
  // switch continues down the branch the user last saw.

  /**
   * Appends one message below `message.parentId` (left out: the current leaf; null: a new first
   * message, a sibling of the existing ones) and makes it the current leaf, so the path now runs
   * through it. Bumps `messageCount` and sets `updatedAt` to its `createdAt`, in one transaction
   * whose cost does not grow with the session's size (SQLite). A parent that is not a message of
   * this session: NOT_FOUND. `versionIndex`/`versionCount` given are ignored.
   */
  appendMessage(message: Message): Promise<void>
  /**
   * Replaces a stored message's fields in place (same id, session and parent; a different
   * `parentId` is VALIDATION_FAILED). Edits that must keep history are new siblings instead.
   */
  updateMessage(message: Message): Promise<void>
  /** The message with its `parentId` (no version fields). */
  getMessage(id: string): Promise<Message>
  /**
   * A page of the current path, oldest first; each item carries `parentId`, `versionIndex` and
   * `versionCount`. Newest page first, as before: cost depends on `limit`, not on the session's
   * size or number of branches.
   */
  listMessages(sessionId: string, options?: ListMessagesOptions): Promise<MessagePage>
  /** The message and its siblings (same parent), oldest first, with version fields. */
  listVersions(messageId: string): Promise<Message[]>
  /**
   * Makes `messageId` part of the current path: the path runs from the root through it and on
   * down, at each level through the child used last, to a leaf, which becomes the session's
   * current leaf. Returns the session. Does not change `updatedAt`.
   */
  switchToMessage(messageId: string): Promise<Session>
  /**
   * Deletes the message and everything below it. If it was on the current path, the path then
   * continues through its newest remaining sibling (and down from there), or ends at its parent.
   * Does not change `updatedAt`. Returns what was removed, for Undo (restoreMessages).
   */
  deleteMessage(messageId: string): Promise<RemovedBranch>
  /**
   * Puts messages back with their ids and `parentId`s (Undo of deleteMessage, or adding a branch
   * to a session): each parent must be a message of the session or come earlier in `messages`.
   * All or nothing: a taken id or a missing parent is VALIDATION_FAILED / NOT_FOUND and nothing
   * is written. `currentLeafId` (optional) is switched to afterwards; otherwise the current path
   * is unchanged. Bumps `messageCount`, not `updatedAt`.
   */
  restoreMessages(
    sessionId: string,
    messages: Message[],
    options?: { currentLeafId?: string | null },
  ): Promise<Session>
  /** The path from the root down to `messageId`, itself included, oldest first (for "Branch"). */
  listPathTo(messageId: string): Promise<Message[]>
  /** Every message of the session, all versions, parents before children (export, clean-up). */
  listTree(sessionId: string, options?: ListTreeOptions): Promise<TreePage>

  /**
   * Writes a whole session with its messages in one step (import). Messages without `parentId`
   * form a chain in the order given; messages with one form a tree (each parent earlier in the
   * list). `session.currentLeafId` picks the current path (default: the last message's path).
   * Fails with VALIDATION_FAILED if the id already exists; nothing is written in that case.
   */
  importSession(session: Session, messages: Message[]): Promise<void>
  /**
   * Optional: several imports in one write (imports of many sessions). Each session is still
   * all-or-nothing: one that is refused (a taken id, VALIDATION_FAILED) gets its error at its
   * index in the result (null = written) and the others are written. An error of the store
   * itself (busy, I/O) rejects the whole call and writes nothing. Use `importSessionsOf`, which
   * falls back to `importSession` one session at a time for backends without it.
   */
  importSessions?(batch: SessionImport[]): Promise<SessionImportResult[]>
  hasSession(id: string): Promise<boolean>

  /**
   * Ids of stored sessions (or messages, of any session) that start with `prefix`, in id order
   * (an id equal to the prefix comes first), at most `limit`. For finding a record by the start
   * of its id; cost must not grow with the store's size on SQLite (an index range).
   */
  findIds(kind: IdKind, prefix: string, limit: number): Promise<string[]>

  /**
   * Full-text search over non-sensitive message content, every version included, best matches
   * first; each hit says whether it is on its session's current path.
   */
  search(query: string, options?: SearchOptions): Promise<StorageSearchHit[]>

  /**
   * Optional: which of `ids` some stored message (any version, any session) still lists in its
   * `attachments`, so unreferenced bytes can be removed (docs/attachments.md). Backends without
   * it are scanned by `referencedAttachmentsOf`; SQLite answers from an index.
   */
  referencedAttachments?(ids: readonly string[]): Promise<Set<string>>

  /**
   * Optional (PostgreSQL): attachment bytes kept in the store itself, so every machine sharing it
   * reads them (docs/attachments.md). Sealed bytes are stored as sealed. See SharedAttachmentBytes.
   */
  putAttachmentBytes?(id: string, bytes: Uint8Array, sealed: boolean): Promise<void>
  getAttachmentBytes?(id: string): Promise<Buffer | null>
  hasAttachmentBytes?(id: string): Promise<boolean>
  /** Removes the bytes no message refers to any more; returns the ids removed. */
  removeAttachmentBytes?(ids: readonly string[]): Promise<string[]>
  /** Every id whose bytes the store keeps (a full backup copies them all). */
  listAttachmentBytes?(): Promise<string[]>

  /** Problems found while loading (e.g. a corrupt session file in a JSON store). */
  problems(): Promise<StorageProblem[]>

  /**
   * Reports, within about a second, changes other processes made (SQLite: `data_version` and
   * the change log; JSON: folder watching). Backends only one process can see (memory) leave it
   * out. Returns the function that stops watching.
   */
  watchChanges?(listener: StorageChangeListener): () => void

  close(): Promise<void>
}

/**
 * `storage.importSessions(batch)`, or `importSession` per session where a backend has no batch
 * write. A session refused with a typed error (MirrorError) gets it in the result.
 */
export async function importSessionsOf(
  storage: Pick<Storage, 'importSession' | 'importSessions'>,
  batch: SessionImport[],
): Promise<SessionImportResult[]> {
  if (storage.importSessions) return storage.importSessions(batch)
  return importOneByOne(storage, batch)
}

/** `importSession` per session, each refusal (a MirrorError) kept at its index in the result. */
export async function importOneByOne(
  storage: Pick<Storage, 'importSession'>,
  batch: SessionImport[],
): Promise<SessionImportResult[]> {
  const results: SessionImportResult[] = []
  for (const { session, messages } of batch) {
    try {
      await storage.importSession(session, messages)
      results.push(null)
    } catch (error) {
      if (!isMirrorError(error)) throw error
      results.push(error)
    }
  }
  return results
}

/** The attachment bytes a backend can keep for every machine (see Storage.putAttachmentBytes). */
export type SharedAttachmentBytes = Required<
  Pick<
    Storage,
    | 'putAttachmentBytes'
    | 'getAttachmentBytes'
    | 'hasAttachmentBytes'
    | 'removeAttachmentBytes'
    | 'listAttachmentBytes'
  >
>
