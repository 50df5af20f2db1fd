import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { openContinuityLog } from './continuity/continuityLog'
import type { ContinuityApi } from './continuity/continuityLog'
import { CONTINUITY_FILE_NAME } from './continuity/continuityStore'
import { SQLITE_FILE_NAME } from './paths'
import { MemoryStorage } from './storage/memory/memoryStorage'
import { forwardingProxy, Reopenable, reopenableStorage } from './storage/reopenable'
import type { Storage, StorageKind } from './storage/storage'
import { HistoryEncryption } from './vault/historyEncryption'
import type { VaultService } from './vault/vaultService'

export interface HistoryStores {
  /** The sessions store, before the vault, continuity and local-write layers wrap it. */
  storage: Storage
  continuityLog: ContinuityApi
  encryption: HistoryEncryption
}

const keyOption = (key: Buffer | undefined): { key?: Buffer } => (key ? { key } : {})

// SQLite and JSON load lazily so that a JSON or memory mirror never loads the native SQLite module
// (MemoryStorage is always loaded: temporary chats live in one).
async function openPlainStorage(kind: 'json' | 'memory', dataDir: string): Promise<Storage> {
  if (kind === 'memory') return new MemoryStorage()
  const { openJsonStorage } = await import('./storage/json/jsonStorage')
  return openJsonStorage(dataDir)
}

/**
 * Opens the history's two databases (sessions, continuity log) behind gates that can close and
 * reopen them: with "Encrypt all history" on they open only once the vault is unlocked (their key
 * is sealed by the vault's data key), close when it locks, and close around a conversion.
 * Plain history opens at once, so a damaged database still stops createMirror.
 */
export async function openHistoryStores(options: {
  dataDir: string
  filesDir: string
  storageKind: StorageKind
  vault: VaultService
}): Promise<HistoryStores> {
  const { dataDir, filesDir, storageKind, vault } = options
  if (storageKind !== 'memory') await mkdir(dataDir, { recursive: true })
  const sessionsFile = path.join(dataDir, SQLITE_FILE_NAME)
  const continuityFile = path.join(filesDir, CONTINUITY_FILE_NAME)

  const storageGate: Reopenable<Storage> = new Reopenable<Storage>(async () => {
    if (storageKind !== 'sqlite') return openPlainStorage(storageKind, dataDir)
    const { openSqliteStorage } = await import('./storage/sqlite/sqliteStorage')
    return openSqliteStorage(sessionsFile, keyOption(encryption.keyFor(sessionsFile)))
  })
  const logGate: Reopenable<ContinuityApi> = new Reopenable<ContinuityApi>(async () =>
    openContinuityLog(filesDir, keyOption(encryption.keyFor(continuityFile))),
  )
  const encryption: HistoryEncryption = new HistoryEncryption({
    dir: filesDir,
    storageKind,
    files: [sessionsFile, continuityFile],
    vault,
    suspend: (convert): Promise<void> => storageGate.suspend(() => logGate.suspend(convert)),
  })

  if (!encryption.active) {
    // The sessions store first: a corrupt or foreign database stops here, before the log exists.
    await storageGate.use(() => undefined)
    try {
      await logGate.use(() => undefined)
    } catch (error) {
      await storageGate.close()
      throw error
    }
  }
  // Locked means locked: the history's connections close and its key is wiped with the vault's.
  vault.on('locked', () => {
    if (!encryption.active) return
    encryption.forgetKey()
    void storageGate.close()
    void logGate.close()
  })
  return {
    storage: reopenableStorage(storageKind, storageGate),
    continuityLog: forwardingProxy<ContinuityApi>(logGate, { close: () => logGate.close() }),
    encryption,
  }
}
