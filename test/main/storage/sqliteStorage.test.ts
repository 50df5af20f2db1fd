import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openSqliteStorage } from '../../../src/main/storage/sqlite/sqliteStorage'
import type { Storage } from '../../../src/main/storage/storage'
import { describeStorageConformance } from '../../../src/testing'

describeStorageConformance('sqlite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amos-sqlite-'))
  const file = path.join(dir, 'mirror.db')
  let current: Storage = await openSqliteStorage(file)
  return {
    storage: current,
    reopen: async () => {
      await current.close()
      current = await openSqliteStorage(file)
      return current
    },
    cleanup: async () => {
      await current.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
})
