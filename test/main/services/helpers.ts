import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Clock } from '../../../src/main/services/ids'
import { createIdGenerator } from '../../../src/main/services/ids'
import { MemoryStorage } from '../../../src/main/storage/memory/memoryStorage'
import { openSqliteStorage } from '../../../src/main/storage/sqlite/sqliteStorage'
import type { Storage } from '../../../src/main/storage/storage'

/** A clock that moves one second per reading, so every timestamp differs and order is explicit. */
export function steppingClock(start = Date.parse('2025-03-01T10:00:00.000Z')): Clock {
  let t = start
  return {
    now: () => {
      t += 1000
      return new Date(t)
    },
  }
}

export interface StorageHandle {
  storage: Storage
  dispose(): Promise<void>
}

export const backends: Array<{ name: string; open(): Promise<StorageHandle> }> = [
  {
    name: 'memory',
    open: async () => {
      const storage = new MemoryStorage()
      return { storage, dispose: () => storage.close() }
    },
  },
  {
    name: 'sqlite',
    open: async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amos-services-'))
      const storage = await openSqliteStorage(path.join(dir, 'mirror.db'))
      return {
        storage,
        dispose: async () => {
          await storage.close()
          fs.rmSync(dir, { recursive: true, force: true })
        },
      }
    },
  },
]

export function deps(storage: Storage): {
  storage: Storage
  clock: Clock
  ids: ReturnType<typeof createIdGenerator>
} {
  const clock = steppingClock()
  return { storage, clock, ids: createIdGenerator(clock) }
}
