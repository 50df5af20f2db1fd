import { afterEach, beforeEach, expect, it } from 'vitest'
import type { Database } from 'better-sqlite3-multiple-ciphers'
import path from 'node:path'
import { migrate, schemaVersion } from '../../../../src/main/storage/sqlite/migrate'
import { SqliteChangeLog } from '../../../../src/main/storage/sqlite/changeLog'
import { rawDb, tempDir } from '../helpers/tempDb'

let tmp: ReturnType<typeof tempDir>
let file: string
let db: Database
beforeEach(() => {
  tmp = tempDir()
  file = path.join(tmp.dir, 'm.db')
  db = rawDb(file)
  migrate(db, { to: 9 })
})
afterEach(() => {
  db.close()
  tmp.cleanup()
})

const session = (id: string): void =>
  void db
    .prepare("INSERT INTO sessions (id, title, created_at, updated_at) VALUES (?, 't', 'a', 'b')")
    .run(id)
let n = 0
const message = (sessionId: string): void =>
  void db
    .prepare(
      `INSERT INTO messages (id, session_id, role, content, created_at, metadata)
       VALUES (?, ?, 'user', 'x', 'c', '{}')`,
    )
    .run(`m${(n += 1)}`, sessionId)
const bump = (id: string): void =>
  void db.prepare('UPDATE sessions SET message_count = message_count + 1 WHERE id = ?').run(id)
const logged = (): string[] =>
  db.prepare('SELECT session_id FROM session_changes ORDER BY seq').pluck().all() as string[]

it('0010 logs a session created with its messages once, where 0009 logged every message', () => {
  db.transaction(() => {
    session('a')
    for (let i = 0; i < 5; i++) message('a')
  })()
  expect(logged()).toEqual(['a', 'a', 'a', 'a', 'a', 'a'])
  expect(migrate(db)).toBe(10)
  expect(schemaVersion(db)).toBe(10)
  db.transaction(() => {
    session('b')
    for (let i = 0; i < 5; i++) message('b')
  })()
  expect(logged().slice(6)).toEqual(['b'])
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
})

it('0010 still logs every session that changes, in any order of writes', () => {
  migrate(db)
  session('a')
  session('b')
  message('a')
  message('b')
  message('b')
  message('a')
  expect(logged()).toEqual(['a', 'b', 'a', 'b', 'a'])
})

it('0010: another connection still hears of a message appended to the session it saw last', () => {
  migrate(db)
  session('a')
  message('a')
  const reader = rawDb(file)
  try {
    const log = new SqliteChangeLog(reader)
    // As the app appends: the message (the newest row already names "a"), then its session.
    db.transaction(() => {
      message('a')
      bump('a')
    })()
    expect(log.check()).toEqual({ sessionIds: ['a'], all: false })
  } finally {
    reader.close()
  }
})
