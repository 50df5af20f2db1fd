import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { STORE_LOCK_FILE, withStoreLock } from '../../../src/main/storage/json/storeLock'
import { openJsonStorage } from '../../../src/main/storage/json/jsonStorage'
import { nodeStoreFs } from '../../../src/main/fs/storeFs'
import { expectMirrorError } from './helpers/fixtures'
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

const lockFile = (): string => path.join(dir, STORE_LOCK_FILE)

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

describe('index.json lock', () => {
  it('waits for a live holder, then reports STORAGE_UNAVAILABLE naming it, changing nothing', async () => {
    fs.writeFileSync(lockFile(), JSON.stringify({ pid: 4242, at: Date.now() }))
    let ran = false
    const started = Date.now()
    await expectMirrorError(
      withStoreLock(nodeStoreFs, dir, async () => (ran = true), {
        timeoutMs: 150,
        isAlive: () => true,
      }),
      'STORAGE_UNAVAILABLE',
    )
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    expect(ran).toBe(false)
    expect(JSON.parse(fs.readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: 4242 })
  })

  it('takes over a lock whose process is gone, or that is older than the stale limit', async () => {
    for (const holder of [
      { pid: 4242, at: Date.now(), alive: false },
      { pid: 4242, at: Date.now() - 60_000, alive: true },
    ]) {
      fs.writeFileSync(lockFile(), JSON.stringify({ pid: holder.pid, at: holder.at }))
      const result = await withStoreLock(nodeStoreFs, dir, async () => 'done', {
        timeoutMs: 150,
        isAlive: () => holder.alive,
      })
      expect(result).toBe('done')
      expect(fs.existsSync(lockFile())).toBe(false)
    }
  })

  it('takes over a lock file left empty by a process that died while writing it', async () => {
    fs.writeFileSync(lockFile(), '')
    await expect(
      withStoreLock(nodeStoreFs, dir, async () => 'done', { timeoutMs: 5_000 }),
    ).resolves.toBe('done')
  })

  it('releases the lock when the task fails', async () => {
    await expect(
      withStoreLock(nodeStoreFs, dir, async () => {
        throw new Error('write failed')
      }),
    ).rejects.toThrow('write failed')
    expect(fs.existsSync(lockFile())).toBe(false)
  })
})
