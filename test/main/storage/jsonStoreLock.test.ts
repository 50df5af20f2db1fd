import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Worker } from 'node:worker_threads'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  STORE_LOCK_FILE,
  STORE_LOCK_STALE_MS,
  withStoreLock,
} from '../../../src/main/storage/json/storeLock'
import { expectMirrorError } from './helpers/fixtures'
import { nextMessage, startTsThread } from '../helpers/tsThread'

const holderThread = fileURLToPath(new URL('./helpers/lockHolderThread.ts', import.meta.url))

/** A pid no process has: above the kernel's pid_max (4194304 at most on Linux). */
const DEAD_PID = 4_999_999

let dir: string
const threads: Worker[] = []
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amos-lock-'))
})
afterEach(async () => {
  await Promise.all(threads.splice(0).map((t) => t.terminate()))
  fs.rmSync(dir, { recursive: true, force: true })
})

const lockPath = (): string => path.join(dir, STORE_LOCK_FILE)
const age = (target: string, ms: number): void => {
  const when = new Date(Date.now() - ms)
  fs.utimesSync(target, when, when)
}
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

async function holdInThread(busyMs = 0): Promise<Worker> {
  const thread = startTsThread(holderThread, { dir, busyMs })
  threads.push(thread)
  expect(await nextMessage(thread)).toBe('locked')
  return thread
}

describe('JSON store lock', () => {
  it('is a directory while held and gone after, also when the task fails', async () => {
    const seen = await withStoreLock(dir, async () => fs.statSync(lockPath()).isDirectory())
    expect(seen).toBe(true)
    expect(fs.existsSync(lockPath())).toBe(false)
    await expect(
      withStoreLock(dir, async () => {
        throw new Error('write failed')
      }),
    ).rejects.toThrow('write failed')
    expect(fs.existsSync(lockPath())).toBe(false)
  })

  it('waits for a live lock, then reports STORAGE_UNAVAILABLE, changing nothing', async () => {
    fs.mkdirSync(lockPath())
    let ran = false
    const started = Date.now()
    await expectMirrorError(
      withStoreLock(dir, async () => (ran = true), { timeoutMs: 150 }),
      'STORAGE_UNAVAILABLE',
    )
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    expect(ran).toBe(false)
    expect(fs.statSync(lockPath()).isDirectory()).toBe(true)
  })

  it('takes over a lock nobody renewed for longer than the stale limit', async () => {
    fs.mkdirSync(lockPath())
    age(lockPath(), STORE_LOCK_STALE_MS + 1_000)
    await expect(withStoreLock(dir, async () => 'done', { timeoutMs: 150 })).resolves.toBe('done')
    expect(fs.existsSync(lockPath())).toBe(false)
  })

  it('lets only one of many waiters take over an abandoned lock', async () => {
    // Each round, six waiters find the same stale lock at once. Removing it without judging it
    // again under a guard let a late waiter remove the lock an early one had just made, so two
    // ran their tasks together (a few rounds in a hundred).
    for (let round = 0; round < 100; round++) {
      fs.mkdirSync(lockPath())
      age(lockPath(), STORE_LOCK_STALE_MS + 1_000)
      let inside = 0
      let most = 0
      let ran = 0
      const task = async (): Promise<void> => {
        most = Math.max(most, ++inside)
        ran++
        await sleep(5)
        inside--
      }
      await Promise.all(
        Array.from({ length: 6 }, () =>
          withStoreLock(dir, task, { timeoutMs: 0 }).catch(() => undefined),
        ),
      )
      expect(most, `round ${round}: tasks at once`).toBeLessThanOrEqual(1)
      expect(ran, `round ${round}: tasks run`).toBeGreaterThanOrEqual(1)
      expect(fs.existsSync(lockPath())).toBe(false)
    }
  }, 60_000)
})

describe('JSON store lock held by a worker thread', () => {
  it('is taken over soon after the thread is terminated, though its process lives on', async () => {
    const thread = await holdInThread()
    await thread.terminate()
    expect(fs.statSync(lockPath()).isDirectory()).toBe(true)

    const started = Date.now()
    await expect(withStoreLock(dir, async () => 'done', { timeoutMs: 10_000 })).resolves.toBe(
      'done',
    )
    // proper-lockfile dates a new lock up to a second ahead (probing the clock's precision).
    expect(Date.now() - started).toBeLessThan(STORE_LOCK_STALE_MS + 2_500)
  }, 20_000)

  it('is not taken from a live thread whose event loop is mostly blocked', async () => {
    const thread = await holdInThread(300)
    let ran = false
    await expectMirrorError(
      withStoreLock(dir, async () => (ran = true), { timeoutMs: STORE_LOCK_STALE_MS + 2_000 }),
      'STORAGE_UNAVAILABLE',
    )
    expect(ran).toBe(false)

    // Still the thread's: it releases it normally, and then the folder is free.
    thread.postMessage('release')
    expect(await nextMessage(thread)).toBe('released')
    expect(fs.existsSync(lockPath())).toBe(false)
    await expect(withStoreLock(dir, async () => 'done', { timeoutMs: 150 })).resolves.toBe('done')
  }, 20_000)
})

describe('a lock FILE left by an older version', () => {
  const writeLegacy = (content: string): void => fs.writeFileSync(lockPath(), content)

  it('held by a live process is waited for, then named in the error, and left as it is', async () => {
    const content = JSON.stringify({ pid: process.pid, at: Date.now() })
    writeLegacy(content)
    const error = await expectMirrorError(
      withStoreLock(dir, async () => 'done', { timeoutMs: 150 }),
      'STORAGE_UNAVAILABLE',
    )
    expect(error.message).toContain(`process ${process.pid}`)
    expect(fs.readFileSync(lockPath(), 'utf8')).toBe(content)
  })

  it('is taken over when its process is gone or it is older than that version allowed', async () => {
    for (const holder of [
      { pid: DEAD_PID, at: Date.now() },
      { pid: process.pid, at: Date.now() - 60_000 },
    ]) {
      writeLegacy(JSON.stringify(holder))
      await expect(withStoreLock(dir, async () => 'done', { timeoutMs: 150 })).resolves.toBe('done')
      expect(fs.existsSync(lockPath())).toBe(false)
    }
  })

  it('is taken over when left empty by a process that died while writing it', async () => {
    writeLegacy('')
    age(lockPath(), 5_000)
    await expect(withStoreLock(dir, async () => 'done', { timeoutMs: 150 })).resolves.toBe('done')
    // A fresh empty one may be a writer about to fill it in: it is waited for a moment first.
    writeLegacy('')
    const started = Date.now()
    await expect(withStoreLock(dir, async () => 'done', { timeoutMs: 5_000 })).resolves.toBe('done')
    expect(Date.now() - started).toBeGreaterThanOrEqual(900)
  })
})
