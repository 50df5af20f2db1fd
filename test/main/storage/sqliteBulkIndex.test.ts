import path from 'node:path'
import type { Database as Db } from 'better-sqlite3-multiple-ciphers'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { indexWithoutMerging, mergeWithin } from '../../../src/main/storage/sqlite/ftsBulkIndex'
import { openSqliteStorage } from '../../../src/main/storage/sqlite/sqliteStorage'
import type { SqliteStorage } from '../../../src/main/storage/sqlite/sqliteStorage'
import type { SessionImport } from '../../../src/main/storage/storage'
import { makeMessage, makeSession } from './helpers/fixtures'
import { rawDb, tempDir } from './helpers/tempDb'

const WORDS = 'garden river lighthouse winter coffee meeting reflection insight'.split(' ')

/** A session of `count` messages, each with a word that makes it findable by its index. */
function sessionOf(n: number, count = 20): SessionImport {
  const session = makeSession({ title: `Imported ${n}` })
  const messages = Array.from({ length: count }, (_, i) =>
    makeMessage(session.id, {
      content: `${WORDS[(n + i) % WORDS.length]} number s${n}m${i} ${i % 7 === 0 ? 'rare' : ''}`,
    }),
  )
  return { session, messages }
}

const segments = (db: Db): number =>
  db.prepare('SELECT count(DISTINCT segid) FROM messages_fts_idx').pluck().get() as number
const config = (db: Db, index = 'messages_fts'): Record<string, unknown> =>
  Object.fromEntries(
    (db.prepare(`SELECT k, v FROM ${index}_config`).all() as Array<{ k: string; v: unknown }>).map(
      (r) => [r.k, r.v],
    ),
  )
const integrity = (db: Db): void =>
  void db.exec("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')")
const matches = (db: Db, word: string): number =>
  db
    .prepare('SELECT count(*) FROM messages_fts WHERE messages_fts MATCH ?')
    .pluck()
    .get(word) as number

describe('imports index without FTS5 merges at commit, then merge in bounded steps', () => {
  let tmp: ReturnType<typeof tempDir>
  let file: string
  let storage: SqliteStorage
  let db: Db

  beforeEach(async () => {
    tmp = tempDir()
    file = path.join(tmp.dir, 'bulk.db')
    storage = await openSqliteStorage(file)
    db = rawDb(file)
  })
  afterEach(async () => {
    db.close()
    await storage.close()
    tmp.cleanup()
  })

  it('indexes every imported message, keeps the index sound and leaves automerge as it was', async () => {
    for (let batch = 0; batch < 30; batch++) {
      const results = await storage.importSessions(
        Array.from({ length: 5 }, (_, i) => sessionOf(batch * 5 + i)),
      )
      expect(results.every((r) => r === null)).toBe(true)
    }
    integrity(db)
    const stored = db.prepare('SELECT count(*) FROM messages').pluck().get() as number
    expect(stored).toBe(30 * 5 * 20)
    expect(matches(db, 'number')).toBe(stored)
    expect(matches(db, 'rare')).toBe(30 * 5 * 3)
    expect(matches(db, 's77m3')).toBe(1)
    // Never left at 0: other connections, and the file after a crash, merge as FTS5 does.
    expect(config(db).automerge).toBe(4)
    expect(config(db, 'session_titles').automerge).toBe(4)
    db.exec("INSERT INTO session_titles (session_titles) VALUES ('integrity-check')")
    expect(
      db
        .prepare(`SELECT count(*) FROM session_titles WHERE session_titles MATCH '"imported 14"'`)
        .pluck()
        .get(),
    ).toBe(11)
    const [hit, ...rest] = await storage.search('s149m19')
    expect(rest).toEqual([])
    expect(hit?.sessionTitle).toBe('Imported 149')
  })

  it('restores a customised automerge, and a refused batch changes no setting', async () => {
    db.exec("INSERT INTO messages_fts (messages_fts, rank) VALUES ('automerge', 2)")
    await storage.importSessions([sessionOf(1), sessionOf(2)])
    expect(config(db).automerge).toBe(2)

    const taken = sessionOf(3)
    taken.messages[1] = { ...taken.messages[1]!, id: taken.messages[0]!.id }
    const results = await storage.importSessions([sessionOf(4), taken])
    expect(results[0]).toBeNull()
    expect(results[1]).toMatchObject({ code: 'VALIDATION_FAILED' })
    expect(config(db).automerge).toBe(2)
    integrity(db)
    expect(matches(db, 's4m0')).toBe(1)
    expect(matches(db, 's3m0')).toBe(0)
  })

  it('writes a bulk transaction as one segment without merging, and mergeWithin merges them', () => {
    const insert = db.prepare('INSERT INTO messages_fts (rowid, content) VALUES (?, ?)')
    // Twelve transactions of rows with merging off: twelve segments (FTS5 would have merged at 4).
    for (let t = 0; t < 12; t++) {
      db.transaction(() =>
        indexWithoutMerging(db, () => {
          for (let i = 0; i < 50; i++) insert.run(t * 100 + i + 1, `word${i} common t${t}`)
        }),
      )()
    }
    expect(segments(db)).toBe(12)
    const before = matches(db, 'common')

    const steps = db.transaction(() => mergeWithin(db, performance.now(), 10_000))()
    expect(steps).toBeGreaterThan(0)
    expect(segments(db)).toBeLessThan(12)
    expect(matches(db, 'common')).toBe(before)
    expect(matches(db, 't11')).toBe(50)
    // Nothing left: the next call stops at once.
    expect(db.transaction(() => mergeWithin(db, performance.now(), 10_000))()).toBe(0)
  })
})
