import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { ProviderRegistry } from './llm/providerRegistry'
import { SQLITE_FILE_NAME } from './paths'
import { ChatService } from './services/chatService'
import type { CreateMirrorOptions, Mirror } from './services/contracts'
import { createIdGenerator, systemClock } from './services/ids'
import { ReflectiveService } from './services/reflectiveService'
import { SessionService } from './services/sessionService'
import { TransferService } from './services/transfer/transferService'
import type { Storage, StorageKind } from './storage/storage'

/**
 * SQLite unless the folder already is a JSON store (an SDK `index.json` and no database), so
 * pointing any host at an ActiveMirrorOS SDK folder opens it rather than hiding it.
 */
export function detectStorageKind(dataDir: string): StorageKind {
  const isSdkFolder =
    existsSync(path.join(dataDir, 'index.json')) &&
    !existsSync(path.join(dataDir, SQLITE_FILE_NAME))
  return isSdkFolder ? 'json' : 'sqlite'
}

// Backends load lazily so that a JSON or memory mirror never loads the native SQLite module.
async function openStorage(kind: StorageKind, dataDir: string): Promise<Storage> {
  if (kind === 'memory') {
    const { MemoryStorage } = await import('./storage/memory/memoryStorage')
    return new MemoryStorage()
  }
  await mkdir(dataDir, { recursive: true })
  if (kind === 'json') {
    const { openJsonStorage } = await import('./storage/json/jsonStorage')
    return openJsonStorage(dataDir)
  }
  const { openSqliteStorage } = await import('./storage/sqlite/sqliteStorage')
  return openSqliteStorage(path.join(dataDir, SQLITE_FILE_NAME))
}

/** The one factory the three hosts (Electron main, browser host, CLI) build the core with. */
export async function createMirror(options: CreateMirrorOptions): Promise<Mirror> {
  const dataDir = path.resolve(options.dataDir)
  const storageKind = options.storage ?? detectStorageKind(dataDir)
  const storage = await openStorage(storageKind, dataDir)
  const clock = systemClock
  const ids = createIdGenerator(clock)
  const reflective = new ReflectiveService()
  const providers = new ProviderRegistry()
  const chat = new ChatService({ storage, providers, reflective, clock, ids })
  return {
    dataDir,
    storageKind,
    storage,
    sessions: new SessionService({ storage, clock, ids }),
    chat,
    reflective,
    transfer: new TransferService({ storage }),
    providers,
    close: async () => {
      // Replies still streaming are stopped and stored before the database closes.
      await chat.cancelAll()
      await storage.close()
    },
  }
}
