import type { Message, MessagePage, SearchHit, Session, SessionPage } from '../../shared/domain'

export type StorageKind = 'sqlite' | 'json' | 'memory'

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
}

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
  updatedAt: string
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
  /**
   * bm25 relevance, higher is better (SQLite: minus FTS5's bm25()). Comparable only within the
   * results of one query: divide by the first hit's score for a relevance in (0, 1].
   */
  score: number
}

/** A problem found while reading a store that does not stop the rest from loading. */
export interface StorageProblem {
  /** File name (relative to the store) or table the problem is in. */
  location: string
  reason: string
}

/**
 * Persistence for sessions and messages. Async so that networked backends (PostgreSQL) fit.
 * Ids and timestamps are chosen by the caller (the services); a backend stores what it is given.
 * Every backend must pass test/main/storage/conformance.ts.
 *
 * Errors: unknown ids -> MirrorError NOT_FOUND; unreadable data -> STORAGE_CORRUPT (naming the
 * file); a backend never deletes or rewrites data it could not parse.
 */
export interface Storage {
  readonly kind: StorageKind

  createSession(session: Session): Promise<void>
  getSession(id: string): Promise<Session>
  /** Most recently updated first. */
  listSessions(options?: ListSessionsOptions): Promise<SessionPage>
  updateSession(id: string, patch: SessionPatch): Promise<Session>
  /** Deletes the session and all of its messages. */
  deleteSession(id: string): Promise<void>

  /**
   * Appends one message and bumps the session's `messageCount` and `updatedAt` (to the message's
   * `createdAt`) in the same transaction. Cost must not grow with the session's size (SQLite).
   */
  appendMessage(message: Message): Promise<void>
  /** Replaces a stored message's content/status/metadata (same id, same session). */
  updateMessage(message: Message): Promise<void>
  getMessage(id: string): Promise<Message>
  listMessages(sessionId: string, options?: ListMessagesOptions): Promise<MessagePage>

  /**
   * Writes a whole session with its messages in one step (import). Fails with VALIDATION_FAILED
   * if the id already exists; nothing is written in that case.
   */
  importSession(session: Session, messages: Message[]): Promise<void>
  hasSession(id: string): Promise<boolean>

  /** Full-text search over non-sensitive message content, best matches first. */
  search(query: string, options?: SearchOptions): Promise<StorageSearchHit[]>

  /** Problems found while loading (e.g. a corrupt session file in a JSON store). */
  problems(): Promise<StorageProblem[]>

  close(): Promise<void>
}
