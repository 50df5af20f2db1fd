// The SDK's public shapes (docs/sdk.md). They name only the contract (src/shared) and the Storage
// interface, so the published type declarations stay small and say nothing of the internals.
import type {
  Identity,
  MemorySettings,
  MemorySettingsPatch,
  ContinuityPage,
  VerifyResult,
} from '../shared/continuity'
import type {
  Message,
  MessagePage,
  Pattern,
  Reflection,
  SearchHit,
  Session,
  SessionPage,
  UncertaintyLevel,
} from '../shared/domain'
import type { MirrorError } from '../shared/errors'
import type {
  ConnectionTest,
  ProviderDraft,
  ProviderInfo,
  ProviderList,
  ProviderPatchInput,
} from '../shared/routeGroups/providers'
import type { ExportFile, SessionPreferences } from '../shared/routeGroups/sessions'
import type { ExportArchive, ImportReport } from '../shared/routeGroups/transfer'
import type {
  VaultCategory,
  VaultEntry,
  VaultEntryOptions,
  VaultStats,
  VaultStatus,
  VaultValue,
} from '../shared/vault'
import type {
  ListSessionsOptions,
  Storage,
  StorageBackendKind,
  StorageKind,
} from '../main/storage/storage'

export interface MirrorOptions {
  /** Where the vault, the continuity log and settings live (and the store, for sqlite and json). */
  dataDir: string
  /**
   * `'sqlite'` (default; `'json'` when the folder already is an ActiveMirrorOS SDK store), `'json'`,
   * `'memory'`, `'postgres'` (with `databaseUrl`), or your own object implementing `Storage`
   * (the mirror closes it on `close()`).
   */
  storage?: StorageKind | Storage
  /**
   * The PostgreSQL server for `storage: 'postgres'` (`postgres://user:password@host:5432/db`);
   * env `AMOS_DATABASE_URL` when omitted. The vault, continuity log and settings stay in `dataDir`.
   */
  databaseUrl?: string
  /** The OS keychain service for API keys and "remember on this device" (default `ActiveMirror`). */
  keychainService?: string
}

export interface SessionsApi {
  create(input?: { title?: string }): Promise<Session>
  /** Pinned first, then most recently updated; pages of `limit` (default 50) with `nextCursor`. */
  list(options?: ListSessionsOptions): Promise<SessionPage>
  /** NOT_FOUND when there is no such session. */
  get(id: string): Promise<Session>
  /** The newest `limit` (default 50) messages of the current path before `before`, oldest first. */
  messages(id: string, options?: { limit?: number; before?: string | null }): Promise<MessagePage>
  rename(id: string, title: string): Promise<Session>
  archive(id: string): Promise<Session>
  unarchive(id: string): Promise<Session>
  /** Deletes the session and its messages (sensitive contents in the vault too). */
  delete(id: string): Promise<void>
  /** Sessions whose title matches, and full-text hits over message content, best first. */
  search(
    query: string,
    options?: { limit?: number },
  ): Promise<{ sessions: Session[]; hits: SearchHit[] }>
  /** The pattern and uncertainty (and provider) `send` uses for this session by default. */
  setPreferences(id: string, preferences: SessionPreferences): Promise<Session>
}

export interface SendInput {
  sessionId: string
  text: string
  /** Default: the session's remembered pattern, else `exploratory`. */
  pattern?: Pattern
  /** Default: the session's remembered setting, else `none`. */
  uncertainty?: UncertaintyLevel
  /** Keep the message's text in the vault only (the vault must be unlocked: VAULT_LOCKED). */
  sensitive?: boolean
  /** A configured provider's id; the session's, else the default provider, when left out. */
  providerId?: string
  /** Files for the model (docs/attachments.md): up to 10 images, PDFs or text files. */
  attachments?: AttachmentInput[]
  /** Send to a model known not to read images anyway, leaving the images out (MODEL_NO_VISION). */
  withoutImages?: boolean
}

/** A file to attach: one on disk (named after it unless `name`), or bytes with a name. */
export type AttachmentInput = { path: string; name?: string } | { name: string; data: Uint8Array }

/** Stored attachments, by the ids in a message's `attachments`. */
export interface AttachmentsApi {
  /** The file's bytes (a sensitive message's file needs the vault unlocked: VAULT_LOCKED). */
  read(id: string): Promise<Buffer>
  /** A PDF's extracted text (what models without PDF support are given). */
  pdfText(id: string): Promise<string>
}

/** How a reply ended. `message` is what was stored: complete, or the part kept when it stopped. */
export interface ReplyOutcome {
  message: Message | null
  /** null on success; CANCELLED after `cancel()`; a provider's error code otherwise. */
  error: MirrorError | null
}

/** A reply being streamed. Iterate it (or `deltas`) for the text as it arrives. */
export interface Reply extends AsyncIterable<string> {
  readonly requestId: string
  /** The user message, already stored when `send` resolved. */
  readonly userMessage: Message
  /** The reply's text in pieces, as the provider sends them; ends when the reply does. */
  readonly deltas: AsyncIterable<string>
  /** Settles when the reply is stored (never rejects: failures arrive as `error`). */
  readonly completion: Promise<ReplyOutcome>
  /** Stops the reply; what arrived is kept with status `stopped`. False when already over. */
  cancel(): boolean
}

export interface ReflectionApi {
  readonly patterns: readonly Pattern[]
  readonly uncertaintyLevels: readonly UncertaintyLevel[]
  /** The system prompt `send` uses for a pattern and an uncertainty setting. */
  systemPrompt(pattern: Pattern, uncertainty: UncertaintyLevel): string
  /** Uncertainty markers (⟨low⟩ …), glyphs and depth found in a text. */
  analyze(text: string): Reflection
}

export interface ProvidersApi {
  list(): Promise<ProviderList>
  add(draft: ProviderDraft): Promise<ProviderInfo>
  update(id: string, patch: ProviderPatchInput): Promise<ProviderInfo>
  remove(id: string): Promise<{ removed: boolean }>
  /** Stored in the OS keychain (KEYCHAIN_UNAVAILABLE when there is none), never in a file. */
  setKey(id: string, key: string): Promise<ProviderInfo>
  clearKey(id: string): Promise<ProviderInfo>
  /** Makes it the default; `null` or `'offline'` for the built-in offline engine. */
  use(id: string | null): Promise<ProviderList>
  models(id: string): Promise<{ models: string[] }>
  test(id: string): Promise<ConnectionTest>
}

export interface VaultEntriesApi {
  set(key: string, value: VaultValue, options?: VaultEntryOptions): Promise<VaultEntry>
  get(key: string): Promise<VaultEntry | null>
  list(filter?: { category?: VaultCategory }): Promise<VaultEntry[]>
  delete(key: string): Promise<boolean>
  search(query: string): Promise<VaultEntry[]>
}

/** The encrypted vault. Every call but `status`, `init`, `unlock*` and `lock` needs it unlocked. */
export interface VaultApi {
  readonly unlocked: boolean
  status(): Promise<VaultStatus>
  /** Creates the vault (unlocked). */
  init(password: string): Promise<VaultStatus>
  /** VAULT_BAD_PASSWORD on a wrong password. `remember`: keep the key in the OS keychain. */
  unlock(password: string, options?: { remember?: boolean }): Promise<VaultStatus>
  /** With the key remembered on this device. */
  unlockWithKeychain(): Promise<VaultStatus>
  /** Wipes the key from memory; sensitive messages read as empty with `metadata.locked`. */
  lock(): void
  changePassword(oldPassword: string, newPassword: string): Promise<void>
  readonly entries: VaultEntriesApi
  /** Entry counts by category, and how many sensitive messages the vault holds. */
  stats(): Promise<VaultStats>
}

export interface ContinuityApi {
  identity(): Identity
  renameIdentity(displayName: string): Identity
  /** The continuity log, newest first. */
  log(options?: { limit?: number; before?: number | null }): Promise<ContinuityPage>
  /** Walks the log's hash chain; names the first broken entry. */
  verify(): Promise<VerifyResult>
  memorySettings(sessionId: string): Promise<MemorySettings>
  setMemorySettings(sessionId: string, patch: MemorySettingsPatch): Promise<MemorySettings>
}

export interface TransferApi {
  /** Files and folders on disk: native, SDK JSON/Markdown, ChatGPT exports, zips, SDK stores. */
  importPaths(paths: string[]): Promise<ImportReport>
  /** Text files given as name + content. */
  importFiles(files: { name: string; content: string }[]): Promise<ImportReport>
  /** Sensitive messages' text only with `includeSensitive` (needs the vault unlocked). */
  exportSession(
    id: string,
    format: 'json' | 'markdown',
    options?: { includeSensitive?: boolean },
  ): Promise<ExportFile>
  /** Every session as a zip (base64). */
  exportAll(): Promise<ExportArchive>
  /** Every session as a zip written to `file`; resolves to the number of sessions. */
  writeAllZip(file: string): Promise<number>
  /** One session (JSON or Markdown) and its attachments as a zip written to `file`. */
  writeSessionZip(
    id: string,
    format: 'json' | 'markdown',
    file: string,
    options?: { includeSensitive?: boolean },
  ): Promise<SessionZipExport>
}

export interface SessionZipExport {
  sessionId: string
  /** Files written into the zip. */
  attachments: number
  /** Attachments whose bytes are not stored here (their references stay, without a file). */
  missingAttachments: string[]
  sensitiveMessages: number
}

/** Sessions or folders changed, by this mirror or by another process using the same data. */
export interface MirrorChange {
  origin: 'local' | 'other'
  sessionIds: string[]
  /** More changed than `sessionIds` names: read everything again. */
  all: boolean
  /** The folder list changed. */
  folders: boolean
}

export interface MirrorEvents {
  change: MirrorChange
  vaultLocked: { reason: 'manual' | 'idle' | 'system' | 'closed' }
}

/** What `createMirror` from `'activemirror'` returns. */
export interface ActiveMirror {
  readonly dataDir: string
  readonly storageKind: StorageBackendKind
  readonly sessions: SessionsApi
  /** Stores the user message, then streams the reply (docs/sdk.md "Sending"). */
  send(input: SendInput): Promise<Reply>
  readonly reflection: ReflectionApi
  readonly providers: ProvidersApi
  readonly vault: VaultApi
  readonly continuity: ContinuityApi
  readonly transfer: TransferApi
  readonly attachments: AttachmentsApi
  /** Returns the function that stops listening. */
  on<E extends keyof MirrorEvents>(
    event: E,
    listener: (payload: MirrorEvents[E]) => void,
  ): () => void
  /** Stops (and stores) replies still streaming, then closes the store, the log and the vault. */
  close(): Promise<void>
}
