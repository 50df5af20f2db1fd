import path from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { MemoryStorage } from '../../../src/main/storage/memory/memoryStorage'
import { openSqliteStorage } from '../../../src/main/storage/sqlite/sqliteStorage'
import type { Storage } from '../../../src/main/storage/storage'
import { at, makeMessage, makeSession } from './helpers/fixtures'
import { tempDir } from './helpers/tempDb'

const tmp = tempDir()
afterEach(() => tmp.cleanup())

const WORDS = 'river stone lantern harbor quiet morning garden path tide light'.split(' ')

/** The same deterministic sessions in each store. */
async function fill(storage: Storage): Promise<void> {
  for (let s = 0; s < 4; s++) {
    const session = makeSession({ id: `parity_${s}`, title: `Parity ${s}`, messageCount: 30 })
    const messages = Array.from({ length: 30 }, (_, i) => {
      const n = s * 30 + i
      const words = Array.from({ length: 3 + (n % 9) }, (_, k) => WORDS[(n * 7 + k * k) % 10]!)
      return makeMessage(session.id, {
        id: `parity_${s}_${i}`,
        content: `${words.join(' ')} ${n}`,
        createdAt: at(n),
      })
    })
    await storage.importSession(session, messages)
  }
}

it('SQLite scores and orders hits exactly as the in-memory backends do', async () => {
  const sqlite = await openSqliteStorage(path.join(tmp.dir, 'parity.db'))
  const memory = new MemoryStorage()
  try {
    await fill(sqlite)
    await fill(memory)
    const searches: Array<[string, { anyTerms?: boolean }]> = [
      ['river', {}],
      ['stone lantern', {}],
      ['har*', {}],
      ['quiet tide garden', { anyTerms: true }],
    ]
    for (const [query, options] of searches) {
      const fromSqlite = await sqlite.search(query, { ...options, limit: 50 })
      const fromMemory = await memory.search(query, { ...options, limit: 50 })
      expect(fromSqlite.length, query).toBeGreaterThan(3)
      expect(
        fromSqlite.map((h) => h.messageId),
        query,
      ).toEqual(fromMemory.map((h) => h.messageId))
      fromSqlite.forEach((hit, i) => {
        expect(hit.score, `${query} #${i}`).toBeCloseTo(fromMemory[i]!.score, 9)
      })
    }
  } finally {
    await sqlite.close()
    await memory.close()
  }
})
