import type {
  Folder,
  Message,
  MessagePage,
  Pattern,
  Reflection,
  SearchHit,
  Session,
  SessionPage,
  UncertaintyLevel,
} from '../../shared/domain'
import type { ErrorInfo } from '../../shared/errors'
import type { EventPayload } from '../../shared/events'
import type {
  ExportArchive,
  SessionZipArchive,
  ExportFile,
  ImportReport,
  SessionPreferences,
} from '../../shared/routes'
import type { ImportPathsOptions } from './transfer/transferService'
import type { UploadListener } from './transfer/import/uploads'
import type { ListSessionsOptions, StorageProblem } from '../storage/storage'

/**
 * What the three hosts (Electron main, browser host, CLI) call. Handlers and CLI commands depend
 * on these interfaces only; the classes in this folder implement them.
 */

export interface SessionApi {
  create(input?: { title?: string }): Promise<Session>
  /** The app's "New session": reopens the newest untouched empty session, else creates one. */
  createOrReuse(): Promise<Session>
  get(id: string): Promise<Session>
  /**
   * The full id of the session whose id is `idOrPrefix` or the only one that starts with it (an
   * exact id wins). NOT_FOUND when none matches; USAGE naming a few candidates when several do.
   */
  resolveId(idOrPrefix: string): Promise<string>
  /** The same for a message id, across all sessions. */
  resolveMessageId(idOrPrefix: string): Promise<string>
  list(options?: ListSessionsOptions): Promise<SessionPage>
  /** Newest `limit` messages (default 50) older than `before` when given; oldest first. */
  messages(id: string, options?: { limit?: number; before?: string | null }): Promise<MessagePage>
  /** A page that contains `messageId` (for jumping to a search hit), oldest first. */
  messagesAround(id: string, messageId: string, limit?: number): Promise<MessagePage>
  rename(id: string, title: string): Promise<Session>
  archive(id: string): Promise<Session>
  unarchive(id: string): Promise<Session>
  delete(id: string): Promise<void>
  /** Pattern and uncertainty remembered per session (kept in `metadata.preferences`). */
  setPreferences(id: string, preferences: SessionPreferences): Promise<Session>
  /** Title matches (case-insensitive substring) plus full-text hits over message content. */
  search(
    query: string,
    options?: { limit?: number },
  ): Promise<{ sessions: Session[]; hits: SearchHit[] }>
  /** What the store could not read but loaded around (a damaged JSON session file), with why. */
  problems(): Promise<StorageProblem[]>
}

/** Pins and folders (docs/organising.md); none of it changes a session's `updatedAt`. */
export interface FolderApi {
  /** Every folder, by name. */
  list(): Promise<Folder[]>
  /** FOLDER_EXISTS when another folder has the name (ignoring case). */
  create(name: string): Promise<Folder>
  rename(id: string, name: string): Promise<Folder>
  /** Its sessions stay, in no folder. */
  delete(id: string): Promise<void>
  /** A folder by id, name (ignoring case) or the start of its id; NOT_FOUND otherwise. */
  resolve(idOrName: string): Promise<Folder>
  pin(sessionId: string): Promise<Session>
  unpin(sessionId: string): Promise<Session>
  /** Files the session in `folderId` (null: in no folder); an unknown folder is NOT_FOUND. */
  move(sessionId: string, folderId: string | null): Promise<Session>
}

export interface ReflectiveApi {
  /** System prompt text for a pattern and an uncertainty setting. */
  systemPrompt(pattern: Pattern, uncertainty: UncertaintyLevel): string
  /** Uncertainty markers, glyphs and depth found in a reply. */
  analyze(reply: string): Reflection
}

export interface ChatSendInput {
  sessionId: string
  text: string
  pattern: Pattern
  uncertainty: UncertaintyLevel
  sensitive?: boolean
  /** Provider id; the registry's default when omitted. */
  providerId?: string
  /** Staged attachment ids (`attachments.finish` / AttachmentService.stage), in order. */
  attachments?: string[]
  /** Send images as attachments of the message but not to the model (after MODEL_NO_VISION). */
  withoutImages?: boolean
}

/** Receives a request's stream; the hosts forward these as `chat.*` events to the asking window. */
export interface ChatListener {
  started?(event: EventPayload<'chat.started'>): void
  delta?(event: EventPayload<'chat.delta'>): void
  done?(event: EventPayload<'chat.done'>): void
  error?(event: EventPayload<'chat.error'>): void
  /** The session got an automatic title after its first reply (chat.send only). */
  titled?(event: EventPayload<'sessions.titled'>): void
}

/** How a request ended. Never rejects: failures arrive as `error`, with any partial reply kept. */
export interface ChatOutcome {
  message: Message | null
  error: ErrorInfo | null
}

export interface ChatApi {
  /**
   * Validates and persists the user message, then starts streaming the reply in the background.
   * Resolves as soon as the user message is stored.
   */
  send(
    input: ChatSendInput,
    listener?: ChatListener,
  ): Promise<{
    requestId: string
    userMessage: Message
    completion: Promise<ChatOutcome>
    /**
     * Settles after `completion`: the session with its new automatic title, or null when none
     * was made (named by the user, titled before, the reply failed). Never rejects.
     */
    titled: Promise<Session | null>
  }>
  /** Stops a running request; the part already received is kept with status `stopped`. */
  cancel(requestId: string): boolean
}

/** This turn only: Regenerate ▸ with another pattern, uncertainty or provider/model. */
export interface MessageTurnOptions {
  pattern?: Pattern
  uncertainty?: UncertaintyLevel
  /** A configured provider; the session's (else the default) when absent. */
  providerId?: string
  /** A model of that provider other than its configured one. */
  model?: string
}

/** What messages.delete removed, with the token that puts it back (messages.undoDelete). */
export interface DeletedBranch {
  session: Session
  /** How many messages went (the message and everything below it). */
  removed: number
  undoToken: string
}

/** What an undo put back: the session with its path as it was, and what was restored. */
export interface RestoredBranch {
  session: Session
  /** The message that was deleted (the top of the restored branch). */
  messageId: string
  restored: number
}

/**
 * Actions on one message of the message tree (docs/storage.md "Message tree"). Replies stream
 * to `listener` like chat.send's; chat.cancel stops them.
 */
export interface MessageApi {
  /** A new version of a user message, made current, and a reply to it streamed below. */
  edit(
    input: { messageId: string; text: string } & MessageTurnOptions,
    listener?: ChatListener,
  ): Promise<{ requestId: string; userMessage: Message; completion: Promise<ChatOutcome> }>
  /**
   * A new version of an assistant reply (also "Retry" on a failed or stopped one), streamed
   * with the path up to the reply's parent as context. Resolves once the request started.
   */
  regenerate(
    input: { messageId: string } & MessageTurnOptions,
    listener?: ChatListener,
  ): Promise<{ requestId: string; sessionId: string; completion: Promise<ChatOutcome> }>
  /** The message and its siblings, oldest first, with versionIndex/versionCount. */
  versions(messageId: string): Promise<Message[]>
  /**
   * Which of the message's versions is on the session's current path; null when none is (the
   * path ends above them).
   */
  currentVersion(messageId: string): Promise<string | null>
  /** Makes a version current (the path below it follows the branch used last there). */
  switch(messageId: string): Promise<Session>
  /** Deletes the message and everything below it; undo with the token for a few minutes. */
  delete(messageId: string): Promise<DeletedBranch>
  /** Puts back exactly what one delete removed. Unknown or expired token: NOT_FOUND. */
  undoDelete(undoToken: string): Promise<RestoredBranch>
  /** Whether `undoToken` came from this service and is still valid (routing only). */
  hasUndo(undoToken: string): boolean
  /** A new session holding the path up to and including the message ("<title> (branch)"). */
  branch(messageId: string): Promise<Session>
}

export interface ImportFile {
  name: string
  content: string
}

export interface ExportOptions {
  /** Include sensitive messages' text (needs the vault unlocked); default: a placeholder. */
  includeSensitive?: boolean
}

export interface TransferApi {
  exportSession(
    id: string,
    format: 'json' | 'markdown',
    options?: ExportOptions,
  ): Promise<ExportFile>
  importFiles(files: ImportFile[]): Promise<ImportReport>
  /** Files and folders on disk (the CLI), streamed; see docs/import-export.md. */
  importPaths(paths: string[], options?: ImportPathsOptions): Promise<ImportReport>
  exportAll(): Promise<ExportArchive>
  writeAllZip(file: string): Promise<number>
  /** One session and its attachments as a zip at `file` (docs/import-export.md). */
  writeSessionZip(
    id: string,
    format: 'json' | 'markdown',
    file: string,
    options?: ExportOptions,
  ): Promise<SessionZipExport>
  /** The same zip in memory (base64) for the app; EXPORT_TOO_LARGE over `maxBytes`. */
  exportSessionZip(
    id: string,
    format: 'json' | 'markdown',
    options?: ExportOptions,
    maxBytes?: number,
  ): Promise<SessionZipArchive>
  writeDragFile(
    id: string,
    format: 'json' | 'markdown',
  ): Promise<{ file: string; fileName: string }>
  beginUpload(name: string, size: number): Promise<{ uploadId: string; chunkBytes: number }>
  uploadChunk(uploadId: string, index: number, data: string): Promise<{ received: number }>
  commitUpload(uploadId: string, listener: UploadListener): Promise<void>
  /** A finished upload's content, for routes other than import (it is not imported). */
  takeUploadText(uploadId: string): Promise<string>
  cancelUpload(uploadId: string): Promise<boolean>
}

export type { ImportProgressInfo } from './transfer/import/importRun'

export interface SessionZipExport {
  sessionId: string
  /** Files written into the zip. */
  attachments: number
  /** Attachments whose bytes could not be read (their references stay, without a file). */
  missingAttachments: string[]
  sensitiveMessages: number
}
