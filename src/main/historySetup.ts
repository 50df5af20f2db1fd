import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { ATTACHMENTS_DIR } from './attachments/blobStore'
import { openContinuityLog } from './continuity/continuityLog'
import type { ContinuityApi } from './continuity/continuityLog'
import { CONTINUITY_FILE_NAME } from './continuity/continuityStore'
import { SQLITE_FILE_NAME } from './paths'
import { MemoryStorage } from './storage/memory/memoryStorage'
import { forwardingProxy, Reopenable, reopenableStorage } from './storage/reopenable'
import type { Storage, StorageKind } from './storage/storage'
import { checkStorageKind } from './storage/storageOption'
import type { StorageOption } from './storage/storageOption'
import { MirrorError } from '../shared/errors'
import { createKeytarStore, keychainService } from './keychain/keytarStore'
import { snapshotStorageChoice } from './storageChoice/storageChoiceFile'
import type { StartupStorage } from './storageChoice/storageChoiceService'
import { resolveStartupStorage, storageChoiceDir } from './storageChoice/storageChoiceService'
import { HistoryEncryption } from './vault/historyEncryption'
import { createVectorGate } from './storage/vectorGate'
import type { VectorGate } from './storage/vectorGate'
import type { VaultService } from './vault/vaultService'

export interface HistoryStores {
  /** The sessions store, before the vault, continuity and local-write layers wrap it. */
  storage: Storage
  continuityLog: ContinuityApi
  encryption: HistoryEncryption
}

const keyOption = (key: Buffer | undefined): { key?: Buffer } => (key ? { key } : {})

/** The PostgreSQL server to use: the option, else env AMOS_DATABASE_URL; USAGE when neither. */
export function databaseUrlOf(options: { databaseUrl?: string }): string {
  const url = options.databaseUrl ?? process.env['AMOS_DATABASE_URL']
  if (!url) {
    throw new MirrorError(
      'USAGE',
      'PostgreSQL storage needs a database URL: --database-url URL or env AMOS_DATABASE_URL.',
    )
  }
  return url
}

/**
 * What a host starts the core on: `--storage` / AMOS_STORAGE (with their URL) when given, else
 * the choice saved in Settings → Storage (its password from the OS keychain), else the default.
 */
export function startupStorage(options: {
  dataDir: string
  storage?: StorageKind
  databaseUrl?: string
}): Promise<StartupStorage> {
  return resolveStartupStorage({ ...options, secrets: createKeytarStore(keychainService()) })
}

/** The saved storage choice now; the result restores it (a switch whose new core failed). */
export function snapshotStartupStorage(dataDir: string): Promise<() => Promise<void>> {
  return snapshotStorageChoice(storageChoiceDir(dataDir))
}

/**
 * A built-in backend on `dataDir` (sqlite: `<dataDir>/activemirror.db`, json: the folder itself,
 * memory: nothing on disk; postgres: the server at `databaseUrl`), unencrypted unless `key`. The SDK exports it for custom backends that wrap one.
 * SQLite and JSON load lazily so that a JSON or memory mirror never loads the native SQLite module
 * (MemoryStorage is always loaded: temporary chats live in one).
 */
export async function openStorage(
  kind: StorageKind,
  dataDir?: string,
  options: { key?: Buffer; databaseUrl?: string } = {},
): Promise<Storage> {
  checkStorageKind(kind)
  if (kind === 'memory') return new MemoryStorage()
  if (kind === 'postgres') {
    const { openPostgresStorage } = await import('./storage/postgres/postgresStorage')
    return openPostgresStorage({ url: databaseUrlOf(options) })
  }
  if (typeof dataDir !== 'string' || dataDir.trim() === '') {
    throw new MirrorError('VALIDATION_FAILED', `A ${kind} store needs a dataDir (a folder path).`)
  }
  await mkdir(dataDir, { recursive: true })
  if (kind === 'json') {
    const { openJsonStorage } = await import('./storage/json/jsonStorage')
    return openJsonStorage(dataDir)
  }
  const { openSqliteStorage } = await import('./storage/sqlite/sqliteStorage')
  return openSqliteStorage(path.join(dataDir, SQLITE_FILE_NAME), options)
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
  /** A built-in backend's name, or a Storage object (a custom backend, used as given). */
  storage: StorageOption
  vault: VaultService
  databaseUrl?: string
}): Promise<HistoryStores> {
  const { dataDir, filesDir, storage, vault, databaseUrl } = options
  const storageKind = typeof storage === 'object' ? storage.kind : storage
  if (storageKind !== 'memory') await mkdir(dataDir, { recursive: true })
  const sessionsFile = path.join(dataDir, SQLITE_FILE_NAME)
  const continuityFile = path.join(filesDir, CONTINUITY_FILE_NAME)

  const storageGate: Reopenable<Storage> = new Reopenable<Storage>(async () =>
    typeof storage === 'object'
      ? storage
      : openStorage(storage, dataDir, {
          ...keyOption(encryption.keyFor(sessionsFile)),
          databaseUrl,
        }),
  )
  const logGate: Reopenable<ContinuityApi> = new Reopenable<ContinuityApi>(async () =>
    openContinuityLog(filesDir, keyOption(encryption.keyFor(continuityFile))),
  )
  const encryption: HistoryEncryption = new HistoryEncryption({
    dir: filesDir,
    storageKind,
    files: [sessionsFile, continuityFile],
    attachmentsDir: path.join(filesDir, ATTACHMENTS_DIR),
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

/**
 * Where semantic recall keeps vectors: `<filesDir>/vectors.db` (sqlite-vec) beside a SQLite or
 * JSON history, encrypted with the history's key while history is encrypted; tables beside the
 * history on PostgreSQL (pgVectors.ts); null for memory and custom backends (lexical only). Loaded on first use, like the
 * SQLite backend, so a mirror without an embedder never loads the native module for it.
 */
export function openVectorGate(
  storageKind: StorageKind | 'custom',
  dirs: { dataDir: string; filesDir: string; databaseUrl?: string },
  encryption: Pick<HistoryEncryption, 'keyFor'>,
): VectorGate | null {
  if (storageKind === 'postgres') {
    return createVectorGate(
      async () => {
        const { PgVectorStore } = await import('./storage/postgres/pgVectors')
        return PgVectorStore.open({ url: databaseUrlOf(dirs) })
      },
      () => undefined,
    )
  }
  if (storageKind !== 'sqlite' && storageKind !== 'json') return null
  const sessionsFile = path.join(dirs.dataDir, SQLITE_FILE_NAME)
  return createVectorGate(
    async (key) => {
      const { VECTORS_FILE_NAME, openSqliteVectorStore } =
        await import('./storage/sqlite/vectors/sqliteVectorStore')
      return openSqliteVectorStore(path.join(dirs.filesDir, VECTORS_FILE_NAME), key ? { key } : {})
    },
    () => encryption.keyFor(sessionsFile),
  )
}
