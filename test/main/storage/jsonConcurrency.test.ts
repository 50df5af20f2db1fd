import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { STORE_LOCK_FILE } from '../../../src/main/storage/json/storeLock'
import { openJsonStorage } from '../../../src/main/storage/json/jsonStorage'
import { runWorkersTogether } from '../helpers/workersTogether'

const worker = fileURLToPath(new URL('./helpers/createSessionsWorker.ts', import.meta.url))
const PER_PROCESS = 25

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amos-json-two-'))
})
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

it('two processes creating and deleting sessions at once lose none of each other’s changes', async () => {
  const store = path.join(dir, 'store')
  await runWorkersTogether(worker, dir, ['a', 'b'], (tag) => [store, String(PER_PROCESS), tag])

  const storage = await openJsonStorage(store)
  const ids = (await storage.listSessions({ limit: 1000 })).items.map((s) => s.id).sort()
  const kept = (tag: string) =>
    Array.from({ length: PER_PROCESS }, (_, i) => `${tag}-${i}`).filter((_, i) => i % 2 === 1)
  expect(ids).toEqual([...kept('a'), ...kept('b')].sort())
  expect(fs.existsSync(path.join(store, STORE_LOCK_FILE))).toBe(false)
  await storage.close()
})
