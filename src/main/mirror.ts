import path from 'node:path'
import { withAttachmentCleanup } from './attachments/attachmentCleanup'
import { AttachmentService } from './attachments/attachmentService'
import { ATTACHMENTS_DIR, BlobStore } from './attachments/blobStore'
import { Staging } from './attachments/staging'
import { MirrorError } from '../shared/errors'
import { referencedAttachmentsOf } from './storage/attachmentRefs'
import { createKeytarStore, keychainService } from './keychain/keytarStore'
import { OfflineEngine } from './llm/offlineEngine'
import { ProviderRegistry } from './llm/providerRegistry'
import { appFilesDir, detectStorageKind } from './paths'
import { ChatService } from './services/chatService'
import { TitleService } from './services/titles/titleService'
import { ContextInspector } from './services/contextInspector'
import { InstructionsService } from './services/instructions/instructionsService'
import { InstructionsStore } from './services/instructions/instructionsStore'
import type { CreateMirrorOptions, Mirror } from './mirrorApi'
import { createIdGenerator, systemClock } from './services/ids'
import { createProviderSettings } from './providerSetup'
import { ReflectiveService } from './services/reflectiveService'
import { MessageService } from './services/messageService'
import { SessionService } from './services/sessionService'
import { FolderService } from './services/folderService'
import { TransferService } from './services/transfer/transferService'
import { openMirrorVault } from './vault/mirrorVault'
import { withSensitiveVault } from './vault/sensitiveStorage'
import { providerChangeListener } from './continuity/continuityRecorder'
import { withContinuity } from './continuity/loggingStorage'
import { createMirrorContinuity, openContinuityParts } from './continuity/mirrorContinuity'
import { withMessageLogging } from './continuity/messageLogging'
import {
  routeChat,
  routeMessages,
  routeSessions,
  TemporaryChats,
} from './continuity/temporaryChats'
import { withExportLogging } from './continuity/transferLogging'
import type { ProviderChange } from './services/providerSettingsService'
import { checkStorageOption } from './storage/storageOption'
import { MemoryStorage } from './storage/memory/memoryStorage'
import { openHistoryStores, openVectorGate } from './historySetup'
import { memoryEmbedder } from './continuity/semantic/memoryEmbedder'
import { SemanticRecall } from './continuity/semantic/semanticRecall'
import { VectorIndexer } from './continuity/semantic/vectorIndexer'
import { StorageChoiceService, storageChoiceDir } from './storageChoice/storageChoiceService'
import type { HistoryStores } from './historySetup'
import { createChangeFeed } from './storage/changeFeed'
import { createLocalWrites, withLocalWrites } from './storage/localWrites'
import type { SharedAttachmentBytes, Storage } from './storage/storage'
import { BackupService } from './backup/backupService'
import { followVault, memoryContextParts, startMirrorMemory } from './memory/mirrorMemory'
import type { MemoryVectors } from './memory/memoryVectors'
import { recallContextSource, SEMANTIC_WAIT_MS } from './continuity/recallContextSource'

export { detectStorageKind }
export { databaseUrlOf, openStorage } from './historySetup'
import { databaseUrlOf } from './historySetup'

/** `AMOS_OFFLINE_DELAY_MS`: the offline engine's pause per word (e2e tests tune it for Stop). */
function offlineDelayMs(env: NodeJS.ProcessEnv): number | undefined {
  const value = Number(env['AMOS_OFFLINE_DELAY_MS'])
  return env['AMOS_OFFLINE_DELAY_MS'] && Number.isFinite(value) && value >= 0 ? value : undefined
}

/** The backend's attachment bytes (PostgreSQL implements them all). */
function sharedBytesOf(storage: Storage): SharedAttachmentBytes {
  const missing = (): never => {
    throw new MirrorError('NOT_SUPPORTED', 'This store keeps no attachment bytes.')
  }
  return {
    putAttachmentBytes: (id, bytes, sealed) =>
      storage.putAttachmentBytes?.(id, bytes, sealed) ?? missing(),
    getAttachmentBytes: (id) => storage.getAttachmentBytes?.(id) ?? missing(),
    hasAttachmentBytes: (id) => storage.hasAttachmentBytes?.(id) ?? missing(),
    removeAttachmentBytes: (ids) => storage.removeAttachmentBytes?.(ids) ?? missing(),
    listAttachmentBytes: () => storage.listAttachmentBytes?.() ?? missing(),
  }
}

/** The one factory the three hosts (Electron main, browser host, CLI) build the core with. */
export async function createMirror(options: CreateMirrorOptions): Promise<Mirror> {
  const dataDir = path.resolve(options.dataDir)
  const option = checkStorageOption(options.storage) ?? detectStorageKind(dataDir)
  const storageKind = typeof option === 'object' ? option.kind : option
  const filesDir = appFilesDir(dataDir, storageKind)
  // The vault first: it creates no file until written, and encrypted history needs its key.
  const vault = await openMirrorVault(filesDir, {
    // Same override as the provider keys: tests and spawned hosts use a private service.
    keychain: createKeytarStore(keychainService(options.vault?.keychainService)),
    iterations: options.vault?.iterations,
  })
  let history: HistoryStores
  try {
    history = await openHistoryStores({
      dataDir,
      filesDir,
      storage: option,
      vault,
      databaseUrl: options.databaseUrl,
    })
  } catch (error) {
    await vault.close()
    throw error
  }
  const baseStorage = history.storage
  const continuityParts = openContinuityParts(filesDir, history.continuityLog)
  const { recorder } = continuityParts
  vault.on('entryChanged', (change) => void recorder.vaultEntryChanged(change))
  vault.on('restored', (report) => void recorder.vaultRestored(report))
  // Sensitive message contents go to the vault only; the services never see the difference.
  // The continuity log wraps outermost, so it sees every write any service makes.
  // Outermost of all, what this process wrote is noted for the host's other windows.
  const clock = systemClock
  // On PostgreSQL the bytes go to the database too, so every machine sharing it reads them.
  const blobs = new BlobStore(
    path.join(filesDir, ATTACHMENTS_DIR),
    () => history.encryption.attachmentCipher(),
    storageKind === 'postgres' ? sharedBytesOf(baseStorage) : undefined,
  )
  const attachments = new AttachmentService({
    blobs,
    staging: new Staging(clock),
    references: (ids) => referencedAttachmentsOf(baseStorage, ids),
    sealer: async () => {
      if (!vault.unlocked && !(await vault.status()).initialized) {
        throw new MirrorError(
          'VAULT_NOT_INITIALIZED',
          'Set up the vault first: files of sensitive messages are stored only sealed by it.',
        )
      }
      return vault.attachmentSealer()
    },
    // Encrypted history covers the files too (docs/security.md).
    sealAll: () => history.encryption.active,
  })
  const localWrites = createLocalWrites()
  const storage = withLocalWrites(
    withContinuity(
      withAttachmentCleanup(withSensitiveVault(baseStorage, vault), attachments),
      continuityParts.log,
    ),
    localWrites,
  )
  const ids = createIdGenerator(clock)
  const reflective = new ReflectiveService()
  const providers = new ProviderRegistry([
    new OfflineEngine({ delayMs: offlineDelayMs(process.env) }),
  ])
  let recallIndex: VectorIndexer | null = null
  let memoryIndex: MemoryVectors | null = null
  // Configured providers join the registry; the offline engine stays the default until chosen.
  let onProviderChange: ((change: ProviderChange) => void) | null = null
  const providerSettings = await createProviderSettings(
    appFilesDir(dataDir, storageKind),
    providers,
    {
      ...options.providerSettings,
      onChange: (change) => {
        options.providerSettings?.onChange?.(change)
        onProviderChange?.(change)
        // Another default (or its embedding model) may embed where the last could not.
        recallIndex?.poke()
        if (vault.unlocked) void memoryIndex?.fill()
      },
    },
  )
  // Only after the settings loaded: from here on, a new default is a change worth logging.
  onProviderChange = providerChangeListener(recorder, providers)
  // Semantic recall: only the embedder allowed to see memory ever gets past conversations.
  const vectorGate = openVectorGate(
    storageKind,
    { dataDir, filesDir, databaseUrl: options.databaseUrl },
    history.encryption,
  )
  // Memories and recall, behind "Send memories only to local models" (docs/memory.md).
  const memoryParts = memoryContextParts({ dir: filesDir, vault, clock })
  const embedder = () =>
    vectorGate ? memoryEmbedder(providers, () => memoryParts.privacy.current().localOnly) : null
  const vectors = async () => (vectorGate ? vectorGate.get() : null)
  const indexer = new VectorIndexer({ storage, vectors, embedder })
  recallIndex = indexer
  localWrites.on((write) => indexer.touched(write.sessionIds))
  // Encrypted history's vectors open only with the vault: what waited for it is done then.
  vault.on('unlocked', () => indexer.poke())
  indexer.poke()
  const semantic = new SemanticRecall({ vectors, embedder })
  // The same query vector as recall's: a turn's message is embedded once for both.
  const memoryVectors = memoryParts.vectors({
    embedder,
    queryVector: (e, text) => semantic.queryVector(e, text, SEMANTIC_WAIT_MS),
  })
  memoryIndex = memoryVectors
  followVault(memoryVectors, vault)
  const contextSources = memoryParts.sources(
    recallContextSource({ storage, semantic }),
    memoryVectors,
  )
  const budget =
    options.contextSourceBudgetMs !== undefined
      ? { contextSourceBudgetMs: options.contextSourceBudgetMs }
      : {}
  const titles = new TitleService({ storage, providers })
  const temporary = new TemporaryChats({
    clock,
    ids,
    scratchStorage: () => new MemoryStorage(),
    // Called only once a temporary chat starts, when `instructions` is set.
    chatService: (own) =>
      new ChatService({
        storage: own,
        providers,
        reflective,
        clock,
        ids,
        contextSources,
        ...budget,
        instructions,
      }),
    messageService: (own, ownChat) =>
      new MessageService({ storage: own, providers, turns: ownChat.turns, clock, ids }),
  })
  const sessions = routeSessions(new SessionService({ storage, clock, ids }), temporary)
  const instructions = new InstructionsService({
    store: new InstructionsStore(appFilesDir(dataDir, storageKind)),
    storage,
    sessions,
    providers,
    clock,
  })
  const chat = new ChatService({
    storage,
    providers,
    reflective,
    clock,
    ids,
    contextSources,
    ...budget,
    titles,
    instructions,
    attachments,
  })
  const messages = routeMessages(
    withMessageLogging(
      new MessageService({ storage, providers, turns: chat.turns, clock, ids }),
      recorder,
    ),
    temporary,
  )
  // Uploads and drag-out files live with the app's files (never in an SDK store's top level).
  const transferService = new TransferService({
    storage,
    workDir: appFilesDir(dataDir, storageKind),
    author: () => continuityParts.identity.get(),
    ids,
    attachments,
  })
  const transfer = withExportLogging(transferService, recorder)
  const backup = new BackupService({
    storage,
    vault,
    log: continuityParts.log,
    identity: continuityParts.identity,
    settingsDir: appFilesDir(dataDir, storageKind),
    clock,
    blobs,
  })
  const { memory, stop: stopMemory } = startMirrorMemory({
    parts: memoryParts,
    vault,
    storage,
    providers,
    clock,
    sessions,
    recorder,
    localWrites,
    ...(options.memoryQuietMs !== undefined && { quietMs: options.memoryQuietMs }),
  })
  return {
    dataDir,
    storageKind,
    memory,
    storage,
    sessions,
    folders: new FolderService({ storage, clock, ids }),
    titles,
    chat: routeChat(chat, temporary),
    messages,
    reflective,
    transfer,
    providers,
    vault,
    encryption: history.encryption,
    providerSettings,
    instructions,
    chatContext: new ContextInspector({
      storage,
      providers,
      reflective,
      instructions,
      contextSources,
    }),
    continuity: createMirrorContinuity(continuityParts, { sessions, storage, temporary }),
    backup,
    attachments,
    storageChoice: new StorageChoiceService({
      dir: storageChoiceDir(dataDir),
      // The hosts read it back at start with the default service (or AMOS_KEYCHAIN_SERVICE).
      secrets: createKeytarStore(keychainService(options.vault?.keychainService)),
      running: {
        kind: storageKind,
        databaseUrl: storageKind === 'postgres' ? databaseUrlOf(options) : undefined,
      },
    }),
    changes: createChangeFeed(baseStorage),
    localWrites,
    recallIndex: indexer,
    close: async () => {
      backup.stop()
      stopMemory()
      await indexer.stop()
      // Replies still streaming are stopped and stored before the database closes.
      await temporary.endAll()
      await chat.cancelAll()
      await transferService.close()
      // Bytes of messages deleted in this run go now: Undo ends with the core.
      await attachments.close()
      await storage.close()
      await vectorGate?.close()
      await continuityParts.log.close()
      await vault.close()
    },
  }
}
