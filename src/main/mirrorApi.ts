import type { AttachmentService } from './attachments/attachmentService'
import type { ProviderRegistry } from './llm/provider'
import type { ContextApi } from './services/contextInspector'
import type { InstructionsApi } from './services/instructions/instructionsService'
import type {
  ChatApi,
  FolderApi,
  MessageApi,
  ReflectiveApi,
  SessionApi,
  TransferApi,
} from './services/contracts'
import type { ProviderSetupOptions } from './providerSetup'
import type { TitleApi } from './services/titles/titleService'
import type { ProviderSettingsApi } from './services/providerSettingsService'
import type { StorageChoiceApi } from './storageChoice/storageChoiceService'
import type { ChangeFeed } from './storage/changeFeed'
import type { LocalWrites } from './storage/localWrites'
import type { Storage, StorageBackendKind, StorageKind } from './storage/storage'
import type { StorageOption } from './storage/storageOption'
import type { MirrorContinuity } from './continuity/mirrorContinuity'
import type { VectorIndexer } from './continuity/semantic/vectorIndexer'
import type { VaultService } from './vault/vaultService'
import type { BackupService } from './backup/backupService'
import type { MemoryService } from './memory/memoryService'
import type { HistoryEncryption } from './vault/historyEncryption'

/** How the hosts name a backend (`--storage`); createMirror picks the implementation. */
export type { StorageBackendKind, StorageKind, StorageOption }

/**
 * The whole core as the hosts (Electron main, browser host, CLI, SDK) see it. It sits above
 * services, continuity and vault, so none of those has to import the others' types to name it.
 */
export interface Mirror {
  readonly dataDir: string
  /** The backend's name; `'custom'` for a Storage object passed to createMirror. */
  readonly storageKind: StorageBackendKind
  readonly storage: Storage
  readonly sessions: SessionApi
  /** Pins and folders (docs/organising.md). */
  readonly folders: FolderApi
  /** Automatic session titles: "Regenerate title" (docs/reflection.md). */
  readonly titles: TitleApi
  readonly chat: ChatApi
  /** Edit, regenerate, versions, switch, delete with Undo, branch (docs/storage.md). */
  readonly messages: MessageApi
  readonly reflective: ReflectiveApi
  readonly transfer: TransferApi
  readonly providers: ProviderRegistry
  /** Configured providers (settings file + keys in the OS keychain), kept in `providers`. */
  readonly providerSettings: ProviderSettingsApi
  /** Settings → Instructions, personas, session instructions (docs/instructions.md). */
  readonly instructions: InstructionsApi
  /** "What the model saw" and the composer's context meter. */
  readonly chatContext: ContextApi
  /** The encrypted vault (entries, sensitive message contents, backups). */
  readonly vault: VaultService
  /** Memories, suggestions to review, "Send memories only to local models" (docs/memory.md). */
  readonly memory: MemoryService
  /** "Encrypt all history": status, enable, disable (docs/security.md). */
  readonly encryption: Pick<HistoryEncryption, 'status' | 'enable' | 'disable'>
  /** Identity, the continuity log, memory switches and temporary chats (docs/continuity.md). */
  readonly continuity: MirrorContinuity
  /** Full backups: now, on a schedule, restore with a preview (docs/backup.md). */
  readonly backup: BackupService
  /** Attached files: staging, bytes for "Save attachment", clean-up (docs/attachments.md). */
  readonly attachments: AttachmentService
  /** Settings → Storage: what the app starts on (docs/storage.md "PostgreSQL"). */
  readonly storageChoice: StorageChoiceApi
  /** Sessions other processes changed (docs/storage.md "Other processes"). */
  readonly changes: ChangeFeed
  /** Sessions this mirror wrote (for a host's other windows; docs/storage.md "Other processes"). */
  readonly localWrites: Pick<LocalWrites, 'on'>
  /**
   * Semantic recall's background indexer (docs/continuity.md): it runs by itself after writes;
   * `run()` makes one pass now and says what it did.
   */
  readonly recallIndex: Pick<VectorIndexer, 'run' | 'poke' | 'touched'>
  close(): Promise<void>
}

export interface CreateMirrorOptions {
  /** Where the vault, the continuity log and settings live (and the store, for sqlite and json). */
  dataDir: string
  /**
   * A built-in backend by name (default: sqlite, or json for a folder that already is an SDK
   * store), or an object implementing Storage (a custom backend; the mirror closes it on close).
   */
  storage?: StorageOption
  /**
   * `storage: 'postgres'`: the server, `postgres://user:password@host:port/database` (default:
   * env AMOS_DATABASE_URL). The data dir still holds this device's own files (docs/storage.md
   * "PostgreSQL").
   */
  databaseUrl?: string
  /** Tests: a private keychain service for API keys, shorter provider timeouts. */
  providerSettings?: ProviderSetupOptions
  /** Tests: a private keychain service (default `ActiveMirror`) and fewer KDF iterations. */
  vault?: { keychainService?: string; iterations?: number }
  /**
   * Tests: how long a turn waits for memories and recall (default CONTEXT_SOURCE_BUDGET_MS), so
   * a loaded test machine does not leave them out as late.
   */
  contextSourceBudgetMs?: number
  /**
   * How long a session stays quiet before memory suggestions are drafted from it (default 10
   * minutes; 0: never on its own, only when asked). docs/memory.md.
   */
  memoryQuietMs?: number
}
