import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openJsonStorage } from '../../../src/main/storage/json/jsonStorage'
import type { Storage } from '../../../src/main/storage/storage'
import { describeStorageConformance } from '../../../src/testing'

describeStorageConformance('json', async () => {
  const root = mkdtempSync(join(tmpdir(), 'amos-json-conf-'))
  // A folder that does not exist yet: opening must create it.
  const dir = join(root, 'store')
  let current: Storage = await openJsonStorage(dir)
  return {
    get storage() {
      return current
    },
    reopen: async () => {
      await current.close()
      current = await openJsonStorage(dir)
      return current
    },
    cleanup: async () => {
      await current.close()
      rmSync(root, { recursive: true, force: true })
    },
  }
})
