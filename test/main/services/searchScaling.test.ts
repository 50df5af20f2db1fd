import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { ensureCorpus } from '../../../bench/recallCorpus'
import { SessionService } from '../../../src/main/services/sessionService'
import { openSqliteStorage } from '../../../src/main/storage/sqlite/sqliteStorage'
import type { SqliteStorage } from '../../../src/main/storage/sqlite/sqliteStorage'
import { deps } from './helpers'

/**
 * Regression guard for issue 15: search cost must not grow with the store or the number of hits.
 * The CI-sized version of `npm run bench -- search`: the search the page calls
 * (SessionService.search, titles and messages) over 10 000 and 100 000 messages built by the
 * bench's corpus builder. Only ratios between figures measured in the same run are checked, with
 * margins a loaded 2-core machine keeps:
 * - size: a common word ("the", in ~90 % of messages) or a short prefix (`ka*`) at 100 000
 *   messages costs at most 4× what it costs at 10 000 (scoring every match made it ~8×);
 * - hits: "the" (~90 000 hits at 100 000 messages) or two words costs at most 4× a word in ~6 %
 *   of messages ("work", ~6 600 hits, still more than the ranking window), where scoring every
 *   match made "the" ~8× dearer.
 */

const SIZES = [10_000, 100_000] as const
const ROUNDS = 15
const QUERIES = { common: 'the', prefix: 'ka*', multi: 'feel today', mid: 'work' } as const
const MARGIN = 4

const dir = path.join(os.tmpdir(), 'amos-search-guard')
const opened: Array<{ size: number; storage: SqliteStorage; service: SessionService }> = []

beforeAll(async () => {
  fs.mkdirSync(dir, { recursive: true })
  for (const size of SIZES) {
    const file = path.join(dir, `corpus-${size}.db`)
    ensureCorpus(file, { messages: size, perSession: 50 }, () => {})
    const storage = await openSqliteStorage(file)
    opened.push({ size, storage, service: new SessionService(deps(storage)) })
  }
}, 300_000)

afterAll(async () => {
  for (const { storage } of opened) await storage.close()
})

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1]!

it('search cost does not grow with the number of messages or of hits', async () => {
  const times = new Map<string, number[]>()
  const record = async (key: string, service: SessionService, query: string): Promise<void> => {
    const started = performance.now()
    const { hits } = await service.search(query, { limit: 20 })
    const took = performance.now() - started
    expect(hits.length, `${key}: ${query}`).toBeGreaterThan(0)
    times.set(key, [...(times.get(key) ?? []), took])
  }
  // Interleaved rounds, so that background load hits every figure alike; the first is warm-up.
  for (let round = 0; round <= ROUNDS; round++) {
    for (const { size, service } of opened) {
      for (const [name, query] of Object.entries(QUERIES)) {
        await record(`${name}@${size}`, service, query)
      }
    }
    if (round === 0) times.clear()
  }
  const at = (key: string): number => median(times.get(key)!)
  const report = [...times.keys()].map((k) => `${k} ${at(k).toFixed(2)} ms`).join(', ')
  const [small, large] = SIZES
  for (const name of ['common', 'prefix']) {
    expect(at(`${name}@${large}`), report).toBeLessThanOrEqual(MARGIN * at(`${name}@${small}`))
  }
  for (const name of ['common', 'multi']) {
    expect(at(`${name}@${large}`), report).toBeLessThanOrEqual(MARGIN * at(`mid@${large}`))
  }
}, 120_000)
