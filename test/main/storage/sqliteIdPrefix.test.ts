import path from 'node:path'
import Database from 'better-sqlite3-multiple-ciphers'
import type { Database as Db } from 'better-sqlite3-multiple-ciphers'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { migrate } from '../../../src/main/storage/sqlite/migrate'
import { SqliteStorage } from '../../../src/main/storage/sqlite/sqliteStorage'
import { makeMessage, makeSession } from './helpers/fixtures'
import { tempDir } from './helpers/tempDb'

let tmp: ReturnType<typeof tempDir>
let db: Db
let storage: SqliteStorage
const executed: string[] = []

beforeEach(() => {
  tmp = tempDir()
  const file = path.join(tmp.dir, 'ids.db')
  db = new Database(file, { verbose: (sql) => executed.push(String(sql)) })
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  migrate(db)
  storage = new SqliteStorage(db, file)
})
afterEach(async () => {
  await storage.close()
  tmp.cleanup()
})

it.each(['session', 'message'] as const)(
  'finds %s ids by prefix with a range on the id index, not a scan',
  async (kind) => {
    const session = makeSession()
    await storage.createSession(session)
    for (let i = 0; i < 50; i++) await storage.appendMessage(makeMessage(session.id))
    db.exec('ANALYZE')

    executed.length = 0
    const prefix = kind === 'session' ? session.id.slice(0, 12) : 'msg_'
    expect((await storage.findIds(kind, prefix, 3)).length).toBeGreaterThan(0)
    const query = executed.find((sql) => /^\s*SELECT id FROM/.test(sql))
    expect(query).toBeDefined()
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${query!}`).all() as Array<{ detail: string }>
    const details = plan.map((p) => p.detail).join('\n')
    const table = kind === 'session' ? 'sessions' : 'messages'
    expect(details).toMatch(
      new RegExp(`SEARCH ${table} USING (COVERING )?INDEX .*\\(id>\\? AND id<\\?\\)`),
    )
    expect(details).not.toContain('TEMP B-TREE')
  },
)
