import { afterEach, beforeEach, expect, it } from 'vitest'
import type { Database } from 'better-sqlite3-multiple-ciphers'
import path from 'node:path'
import { migrate, schemaVersion } from '../../../../src/main/storage/sqlite/migrate'
import { rawDb, tempDir } from '../helpers/tempDb'

let tmp: ReturnType<typeof tempDir>
let db: Database
beforeEach(() => {
  tmp = tempDir()
  db = rawDb(path.join(tmp.dir, 'm.db'))
  migrate(db, { to: 8 })
  db.prepare(
    "INSERT INTO sessions (id, title, created_at, updated_at) VALUES ('s', 't', 'a', 'b')",
  ).run()
})
afterEach(() => {
  db.close()
  tmp.cleanup()
})

const insert = (id: string, attachments: string | null): void =>
  void db
    .prepare(
      `INSERT INTO messages (id, session_id, role, content, created_at, metadata, attachments)
       VALUES (?, 's', 'user', 'x', 'c', '{}', ?)`,
    )
    .run(id, attachments)

const refs = (): unknown[] =>
  db.prepare('SELECT attachment_id, message_id FROM attachment_refs ORDER BY 1, 2').all()

it('0009 keeps existing messages, with no attachments', () => {
  db.prepare(
    "INSERT INTO messages (id, session_id, role, content, created_at, metadata) VALUES ('old', 's', 'user', 'x', 'c', '{}')",
  ).run()
  const before = db.prepare('SELECT * FROM messages').get() as Record<string, unknown>
  expect(migrate(db, { to: 9 })).toBe(9)
  expect(schemaVersion(db)).toBe(9)
  expect(db.prepare('SELECT * FROM messages').get()).toEqual({ ...before, attachments: null })
  expect(refs()).toEqual([])
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
})

it('0009 indexes which message refers to which attachment through inserts, updates and deletes', () => {
  migrate(db, { to: 9 })
  insert('m1', JSON.stringify([{ id: 'a' }, { id: 'b' }]))
  insert('m2', JSON.stringify([{ id: 'b' }]))
  insert('m3', null)
  expect(refs()).toEqual([
    { attachment_id: 'a', message_id: 'm1' },
    { attachment_id: 'b', message_id: 'm1' },
    { attachment_id: 'b', message_id: 'm2' },
  ])
  db.prepare("UPDATE messages SET attachments = ? WHERE id = 'm1'").run(
    JSON.stringify([{ id: 'c' }]),
  )
  db.prepare("UPDATE messages SET content = 'y' WHERE id = 'm2'").run()
  expect(refs()).toEqual([
    { attachment_id: 'b', message_id: 'm2' },
    { attachment_id: 'c', message_id: 'm1' },
  ])
  db.prepare("DELETE FROM messages WHERE id = 'm2'").run()
  db.prepare("UPDATE messages SET attachments = NULL WHERE id = 'm1'").run()
  expect(refs()).toEqual([])
})
