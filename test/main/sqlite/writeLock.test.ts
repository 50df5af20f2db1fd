import path from 'node:path'
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { openSqliteStorage } from '../../../src/main/storage/sqlite/sqliteStorage'
import type { SqliteStorage } from '../../../src/main/storage/sqlite/sqliteStorage'
import { makeSession } from '../storage/helpers/fixtures'
import { tempDir } from '../storage/helpers/tempDb'

// Another process writing in quick succession, as an import does: holds the write lock for
// `holdMs`, lets go for `gapMs`, again and again until told to stop.
const HOLDER = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file, { timeout: 10000 })
const sleeper = new Int32Array(new SharedArrayBuffer(4))
const stop = new Int32Array(workerData.stop)
let first = true
while (Atomics.load(stop, 0) === 0) {
  db.exec('BEGIN IMMEDIATE')
  // Told only once the lock is held, so the test's write never slips in before it.
  if (first) parentPort.postMessage('holding')
  first = false
  const until = performance.now() + workerData.holdMs
  while (performance.now() < until) {}
  db.exec('COMMIT')
  Atomics.wait(sleeper, 0, 0, workerData.gapMs)
}
db.close()
parentPort.postMessage('stopped')
`

let tmp: ReturnType<typeof tempDir>
let file: string
let storage: SqliteStorage | undefined
beforeEach(() => {
  tmp = tempDir()
  file = path.join(tmp.dir, 'lock.db')
})
afterEach(async () => {
  await storage?.close()
  tmp.cleanup()
})

async function holder(holdMs: number, gapMs: number): Promise<() => Promise<void>> {
  const stop = new SharedArrayBuffer(4)
  const driver = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers')
  const worker = new Worker(HOLDER, {
    eval: true,
    workerData: { file, driver, holdMs, gapMs, stop },
  })
  await new Promise((resolve) => worker.once('message', resolve))
  return async () => {
    Atomics.store(new Int32Array(stop), 0, 1)
    await new Promise((resolve) => worker.once('message', resolve))
    await worker.terminate()
  }
}

it('gets the write lock in the gaps of a writer that takes it again a millisecond later', async () => {
  storage = await openSqliteStorage(file, { busyTimeoutMs: 2000 })
  const release = await holder(40, 1)
  try {
    // SQLite's own busy handler, sleeping up to 100 ms between tries, hits a 1 ms gap in 40
    // about one time in 40: within 2 s it fails about half the time, five in a row rarely.
    for (let i = 0; i < 5; i++) await storage.createSession(makeSession({ id: `s${i}` }))
  } finally {
    await release()
  }
  expect((await storage.listSessions()).items.map((s) => s.id).sort()).toEqual([
    's0',
    's1',
    's2',
    's3',
    's4',
  ])
})

it('still gives up after busy_timeout with STORAGE_BUSY, and keeps that timeout', async () => {
  storage = await openSqliteStorage(file, { busyTimeoutMs: 300 })
  const release = await holder(5000, 1)
  let waited = Infinity
  try {
    const started = performance.now()
    const late = storage.createSession(makeSession({ id: 'late' }))
    await expect(late).rejects.toMatchObject({ code: 'STORAGE_BUSY' })
    waited = performance.now() - started
  } finally {
    await release()
  }
  // Gave up on its own timeout, long before the other writer let go.
  expect(waited).toBeLessThan(3000)
  await storage.createSession(makeSession({ id: 'after' }))
  expect(await storage.hasSession('after')).toBe(true)
  expect(await storage.hasSession('late')).toBe(false)
})
