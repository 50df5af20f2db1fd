import { afterEach, beforeEach, expect, it } from 'vitest'
import type { Database } from 'better-sqlite3-multiple-ciphers'
import path from 'node:path'
import { migrate, schemaVersion } from '../../../../src/main/storage/sqlite/migrate'
import { columnNames, rawDb, tableNames, tempDir } from '../helpers/tempDb'

let tmp: ReturnType<typeof tempDir>
let db: Database
beforeEach(() => {
  tmp = tempDir()
  db = rawDb(path.join(tmp.dir, 'm.db'))
  migrate(db, { to: 1 })
})
afterEach(() => {
  db.close()
  tmp.cleanup()
})

const insertMessage = (id: string, sessionId: string): void => {
  db.prepare(
    `INSERT INTO messages (id, session_id, role, content, created_at) VALUES (?, ?, 'user', 'x', 't')`,
  ).run(id, sessionId)
}

it('0002 adds messages and keeps existing sessions', () => {
  const old = db.prepare(
    'INSERT INTO sessions (id, title, created_at, updated_at, message_count, archived, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  old.run('s1', 'First ◊', '2025-01-01', '2025-01-02', 0, 0, '{"a":1}')
  old.run('s2', 'Second', '2025-01-03', '2025-01-04', 0, 1, '{}')
  const before = db.prepare('SELECT * FROM sessions ORDER BY id').all()

  expect(migrate(db, { to: 2 })).toBe(2)
  expect(schemaVersion(db)).toBe(2)
  expect(db.prepare('SELECT * FROM sessions ORDER BY id').all()).toEqual(before)
  expect(tableNames(db)).toEqual(['messages', 'sessions'])
  expect(columnNames(db, 'messages')).toEqual([
    'seq',
    'id',
    'session_id',
    'role',
    'content',
    'created_at',
    'pattern',
    'uncertainty',
    'sensitive',
    'status',
    'provider',
    'model',
    'metadata',
  ])

  insertMessage('m1', 's1')
  expect(() => insertMessage('m1', 's2')).toThrow(/UNIQUE/)
  expect(() => insertMessage('m2', 'nope')).toThrow(/FOREIGN KEY/)
  db.prepare("DELETE FROM sessions WHERE id = 's1'").run()
  expect(db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(0)
})

it('0002 pages a session with the (session_id, seq) index', () => {
  migrate(db, { to: 2 })
  const plan = db
    .prepare(
      'EXPLAIN QUERY PLAN SELECT * FROM messages WHERE session_id = ? AND seq < ? ORDER BY seq DESC LIMIT 50',
    )
    .all('s', 10) as Array<{ detail: string }>
  const details = plan.map((p) => p.detail).join('\n')
  expect(details).toContain('messages_by_session (session_id=? AND seq<?)')
  expect(details).not.toContain('TEMP B-TREE')
})
