import { spawn } from 'node:child_process'
import { rmSync, statSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from './helpers'
import { writeConversations } from './generateChatGpt'

const MB = 1024 * 1024
const CHILD = path.join(import.meta.dirname, 'largeImportChild.ts')

interface ChildResult {
  imported: number
  workers: number
  failed: unknown[]
  cancelled: boolean
  stored: number
  complete: boolean
  peakHeap: number
  peakRss: number
  progress: number
  first: { bytesRead: number; total: number; sessionsImported: number }
  last: { bytesRead: number; total: number; sessionsImported: number }
}

function runChild(
  file: string,
  mode: 'full' | 'cancel',
  reader: 'worker' | 'thread',
): Promise<ChildResult> {
  const dataDir = tempDir('amos-large-db-')
  dirs.push(dataDir)
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      // A small heap: if the import held the file (or a growing part of it), it would die here.
      [
        '--expose-gc',
        '--max-old-space-size=96',
        '--import',
        'tsx',
        CHILD,
        file,
        dataDir,
        mode,
        reader,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`child exited ${code}: ${err}`))
      else resolve(JSON.parse(out) as ChildResult)
    })
  })
}

const dirs: string[] = []
let file = ''
let conversations = 0
let size = 0

beforeAll(async () => {
  const dir = tempDir('amos-large-')
  dirs.push(dir)
  file = path.join(dir, 'conversations.json')
  // Written as a stream, like an export it is never held in memory here either.
  conversations = await writeConversations(file, 60 * MB, 3, 5000)
  size = statSync(file).size
}, 120_000)

afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

describe('a large ChatGPT export', () => {
  it('imports with memory far below the file size, reporting progress', async () => {
    const r = await runChild(file, 'full', 'thread')
    expect(r.workers).toBe(0)
    expect(r.failed).toEqual([])
    expect(r.imported).toBe(conversations)
    expect(r.stored).toBe(conversations)
    // One conversation (~30 KB) in memory at a time; generous bounds far below the 60 MB.
    expect(r.peakHeap).toBeLessThan(size / 6)
    expect(r.peakRss).toBeLessThan(size)
    expect(r.progress).toBeGreaterThan(3)
    expect(r.first.total).toBe(size)
    expect(r.last).toEqual({ bytesRead: size, total: size, sessionsImported: conversations })
  }, 180_000)

  it('read on the worker thread, memory does not grow with the file', async () => {
    // A third of the file: the reader thread's own fixed cost (a second V8 heap, and tsx when
    // run from source) is in both, what grows with the file would show in the ratio.
    const smallFile = path.join(dirs[0]!, 'small.json')
    const small = await writeConversations(smallFile, 20 * MB, 3, 5000)
    const r = await runChild(file, 'full', 'worker')
    const s = await runChild(smallFile, 'full', 'worker')
    expect([r.workers, s.workers]).toEqual([1, 1])
    expect(r.failed).toEqual([])
    expect([r.imported, r.stored, s.stored]).toEqual([conversations, conversations, small])
    expect(r.peakHeap).toBeLessThan(size / 6)
    // Reading ahead without bound measured 2.5 times the small file's peak; bounded, 1.05 to
    // 1.3 (the second heap's garbage collection varies with the load on the machine).
    expect(r.peakRss).toBeLessThan(s.peakRss * 1.5)
    expect(r.last).toEqual({ bytesRead: size, total: size, sessionsImported: conversations })
  }, 180_000)

  it('cancel stops it, leaving only whole conversations', async () => {
    const r = await runChild(file, 'cancel', 'worker')
    expect(r.workers).toBe(1)
    expect(r.cancelled).toBe(true)
    expect(r.imported).toBeGreaterThanOrEqual(40)
    expect(r.imported).toBeLessThan(conversations / 2)
    expect(r.stored).toBe(r.imported)
    expect(r.complete).toBe(true)
    expect(r.last.bytesRead).toBeLessThan(size / 2)
  }, 180_000)
})
