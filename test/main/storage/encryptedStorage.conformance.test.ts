import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openSqliteStorage } from '../../../src/main/storage/sqlite/sqliteStorage'
import { Reopenable, reopenableStorage } from '../../../src/main/storage/reopenable'
import type { Storage } from '../../../src/main/storage/storage'
import { describeStorageConformance } from './conformance'

// What the app runs with "Encrypt all history" on: an encrypted SQLite file behind the gate that
// opens it after unlock and closes it on lock (src/main/historySetup.ts). It must be a valid Storage.
describeStorageConformance('sqlite, encrypted, behind a reopenable gate', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amos-encrypted-'))
  const file = path.join(dir, 'activemirror.db')
  const key = crypto.randomBytes(32)
  const open = (): Storage => {
    const gate = new Reopenable<Storage>(() => openSqliteStorage(file, { key }))
    return reopenableStorage('sqlite', gate)
  }
  let current = open()
  return {
    storage: current,
    reopen: async () => {
      await current.close()
      current = open()
      return current
    },
    cleanup: async () => {
      await current.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
})
