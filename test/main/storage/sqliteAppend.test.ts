import path from 'node:path'
import Database from 'better-sqlite3-multiple-ciphers'
import type { Database as Db } from 'better-sqlite3-multiple-ciphers'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { migrate } from '../../../src/main/storage/sqlite/migrate'
import { SqliteStorage } from '../../../src/main/storage/sqlite/sqliteStorage'
import { at, makeMessage, makeSession } from './helpers/fixtures'
import { tempDir } from './helpers/tempDb'

// Speed is measured by `npm run bench`; these tests pin down the structure that makes the
// append cost independent of the session's size.

let tmp: ReturnType<typeof tempDir>
let db: Db
let storage: SqliteStorage
const executed: string[] = []
let prepares = 0

beforeEach(() => {
  tmp = tempDir()
  const file = path.join(tmp.dir, 'append.db')
  db = new Database(file, { verbose: (sql) => executed.push(String(sql)) })
  db.pragma('journal_mode = WAL')
  db.pragma('foreign_keys = ON')
  migrate(db)
  const prepare = db.prepare.bind(db)
  db.prepare = ((sql: string) => {
    prepares++
    return prepare(sql)
  }) as typeof db.prepare
  storage = new SqliteStorage(db, file)
})
afterEach(async () => {
  await storage.close()
  tmp.cleanup()
})

const normalized = (sql: string): string => sql.replace(/\s+/g, ' ').trim()

it('appends with keyed statements only: read the leaf, INSERT, two keyed UPDATEs', async () => {
  const session = makeSession()
  await storage.createSession(session)
  for (let i = 0; i < 500; i++) {
    await storage.appendMessage(makeMessage(session.id, { createdAt: at(i) }))
  }

  executed.length = 0
  await storage.appendMessage(makeMessage(session.id, { createdAt: at(999) }))
  const statements = executed.map(normalized)
  // The transaction's BEGIN IMMEDIATE / COMMIT may or may not be logged, and the wait for the
  // write lock sets busy_timeout around BEGIN (WriteLock); the rest must be exactly this.
  const work = statements.filter((s) => !/^(BEGIN|COMMIT|PRAGMA busy_timeout)/i.test(s))
  expect(work).toHaveLength(4)
  expect(work[0]).toMatch(/^SELECT current_leaf_id AS leaf FROM sessions WHERE id = /)
  expect(work[1]).toMatch(/^INSERT INTO messages /)
  // The new message becomes its parent's remembered choice (the next message of the path).
  expect(work[2]).toMatch(/^UPDATE messages SET active_child_id = '[^']*' WHERE id = '[^']*'$/)
  // verbose() logs the SQL with its bound values filled in.
  expect(work[3]).toMatch(
    /^UPDATE sessions SET message_count = message_count \+ 1, updated_at = '[^']*', current_leaf_id = '[^']*' WHERE id = '[^']*'$/,
  )
  expect(statements.join('\n')).not.toMatch(/count\(\*\)/i)

  // Each statement finds its row by its key, not by scanning.
  for (const [sql, table] of [
    [work[0]!, 'sessions'],
    [work[2]!, 'messages'],
    [work[3]!, 'sessions'],
  ] as const) {
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>
    expect(plan.map((p) => p.detail).join('\n')).toMatch(
      new RegExp(`SEARCH ${table} USING INDEX .*\\(id=\\?\\)`),
    )
  }
  expect((await storage.getSession(session.id)).messageCount).toBe(501)
})

it('prepares each statement once, not per append', async () => {
  const session = makeSession()
  await storage.createSession(session)
  await storage.appendMessage(makeMessage(session.id))
  await storage.appendMessage(makeMessage(session.id))
  await storage.listMessages(session.id)
  const warm = prepares
  for (let i = 0; i < 50; i++) await storage.appendMessage(makeMessage(session.id))
  await storage.listMessages(session.id)
  await storage.listMessages(session.id)
  expect(prepares).toBe(warm)
})

it('opens the last page of the path by walking up from the leaf through the id index', async () => {
  const session = makeSession()
  await storage.createSession(session)
  for (let i = 0; i < 2_000; i++) await storage.appendMessage(makeMessage(session.id))
  // With statistics, as PRAGMA optimize on close leaves them, the planner once chose to scan.
  db.exec('ANALYZE')
  executed.length = 0
  await storage.listMessages(session.id, { limit: 50 })
  const page = executed.map(normalized).find((s) => s.startsWith('WITH RECURSIVE up'))
  expect(page).toBeDefined()
  const plan = db.prepare(`EXPLAIN QUERY PLAN ${page!}`).all() as Array<{ detail: string }>
  const details = plan.map((p) => p.detail).join('\n')
  expect(details).toContain('USING INDEX sqlite_autoindex_messages_1 (id=?)')
  // Version counts use the parent index (or the first messages' partial index), never a scan.
  expect(details).toContain('USING COVERING INDEX messages_by_parent (parent_id=?')
  expect(details).toContain('messages_roots (session_id=?')
  expect(details).not.toMatch(/^SCAN (messages|m|s)$/m)
})
