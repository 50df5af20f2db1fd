import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { ensureCorpus } from '../../../bench/recallCorpus'
import { createMirror } from '../../../src/main/mirror'
import type { Mirror } from '../../../src/main/mirrorApi'
import { SQLITE_FILE_NAME } from '../../../src/main/paths'
import type { Message } from '../../../src/shared/domain'
import { makeMessage, makeSession } from '../storage/helpers/fixtures'

/**
 * Regression guard for issue 15: appending a message must not cost more on a bigger store. The
 * CI-sized version of the storage bench's append figures, on the full app stack (createMirror:
 * continuity log, vault layer, local-write notes, SQLite with its FTS and change-log triggers)
 * over 10 000 and 100 000 messages from the bench's corpus builder. Only the ratio between
 * figures measured in the same run is checked, with a margin a loaded 2-core machine keeps.
 */

const SIZES = [10_000, 100_000] as const
const ROUNDS = 12
const PER_ROUND = 15
const MARGIN = 3

const dir = path.join(os.tmpdir(), 'amos-append-guard')
const opened: Array<{ size: number; mirror: Mirror; dataDir: string; sessionId: string }> = []

beforeAll(async () => {
  fs.mkdirSync(dir, { recursive: true })
  for (const size of SIZES) {
    const corpus = path.join(dir, `corpus-${size}.db`)
    ensureCorpus(corpus, { messages: size, perSession: 50 }, () => {})
    // Appends change the file: each run writes into a fresh copy of the cached corpus.
    const dataDir = fs.mkdtempSync(path.join(dir, `run-${size}-`))
    fs.copyFileSync(corpus, path.join(dataDir, SQLITE_FILE_NAME))
    const mirror = await createMirror({ dataDir, storage: 'sqlite' })
    const session = makeSession({ title: 'Appended in the guard' })
    await mirror.storage.createSession(session)
    opened.push({ size, mirror, dataDir, sessionId: session.id })
  }
}, 300_000)

afterAll(async () => {
  for (const { mirror, dataDir } of opened) {
    await mirror.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
})

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1]!

it('appending costs the same on a store ten times bigger', async () => {
  const times = new Map<number, number[]>()
  const last = new Map<number, string | null>()
  let n = 0
  // Interleaved rounds, so that background load hits both sizes alike; the first is warm-up.
  for (let round = 0; round <= ROUNDS; round++) {
    for (const { size, mirror, sessionId } of opened) {
      for (let i = 0; i < PER_ROUND; i++) {
        const message: Message = makeMessage(sessionId, {
          id: `msg_guard_${size}_${++n}`,
          content: `Appended note ${n} about the garden, the river and a quiet morning walk.`,
          parentId: last.get(size) ?? null,
        })
        const started = performance.now()
        await mirror.storage.appendMessage(message)
        times.set(size, [...(times.get(size) ?? []), performance.now() - started])
        last.set(size, message.id)
      }
    }
    if (round === 0) times.clear()
  }
  const [small, large] = SIZES
  const report = SIZES.map((s) => `${s}: ${median(times.get(s)!).toFixed(3)} ms`).join(', ')
  expect(times.get(large)!.length).toBe(ROUNDS * PER_ROUND)
  expect(median(times.get(large)!), report).toBeLessThanOrEqual(MARGIN * median(times.get(small)!))
  // Every append is there, in order, on the current path.
  const { mirror, sessionId } = opened[1]!
  const page = await mirror.storage.listMessages(sessionId, { limit: 5 })
  expect(page.items.at(-1)?.id).toBe(last.get(large))
}, 120_000)
