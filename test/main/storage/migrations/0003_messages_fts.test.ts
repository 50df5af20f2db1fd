import { afterEach, beforeEach, expect, it } from 'vitest'
import type { Database } from 'better-sqlite3-multiple-ciphers'
import path from 'node:path'
import { migrate } from '../../../../src/main/storage/sqlite/migrate'
import { ftsEntries, rawDb, tempDir } from '../helpers/tempDb'

let tmp: ReturnType<typeof tempDir>
let db: Database
beforeEach(() => {
  tmp = tempDir()
  db = rawDb(path.join(tmp.dir, 'm.db'))
  migrate(db, { to: 2 })
})
afterEach(() => {
  db.close()
  tmp.cleanup()
})

const match = (q: string): unknown[] =>
  db
    .prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid')
    .pluck()
    .all(q)

it('0003 indexes existing non-sensitive messages, and never sensitive ones', () => {
  db.prepare(
    "INSERT INTO sessions (id, title, created_at, updated_at) VALUES ('s', 'T', 'a', 'b')",
  ).run()
  const add = db.prepare(
    "INSERT INTO messages (seq, id, session_id, role, content, created_at, sensitive) VALUES (?, ?, 's', 'user', ?, 't', ?)",
  )
  add.run(1, 'm1', 'Old Café notes', 0)
  add.run(2, 'm2', 'secret cafe plans', 1)
  add.run(3, 'm3', 'another note', 0)

  expect(migrate(db, { to: 3 })).toBe(3)
  expect(match('cafe')).toEqual([1])
  expect(match('note*')).toEqual([1, 3])
  expect(match('secret')).toEqual([])
  expect(new Set(ftsEntries(db).map((e) => e.doc))).toEqual(new Set([1, 3]))
})

it('0003 triggers keep the index in step with inserts, updates and deletes', () => {
  migrate(db, { to: 3 })
  db.prepare(
    "INSERT INTO sessions (id, title, created_at, updated_at) VALUES ('s', 'T', 'a', 'b')",
  ).run()
  const add = db.prepare(
    "INSERT INTO messages (id, session_id, role, content, created_at, sensitive) VALUES (?, 's', 'user', ?, 't', ?)",
  )
  const seqOf = (id: string): number =>
    db.prepare('SELECT seq FROM messages WHERE id = ?').pluck().get(id) as number
  add.run('a', 'alpha words', 0)
  add.run('b', 'bravo secret', 1)
  const a = seqOf('a')
  const b = seqOf('b')
  expect(ftsEntries(db)).toEqual([
    { term: 'alpha', doc: a },
    { term: 'words', doc: a },
  ])

  db.prepare("UPDATE messages SET content = 'alpha changed' WHERE id = 'a'").run()
  expect(ftsEntries(db)).toEqual([
    { term: 'alpha', doc: a },
    { term: 'changed', doc: a },
  ])

  db.prepare("UPDATE messages SET sensitive = 0 WHERE id = 'b'").run()
  db.prepare("UPDATE messages SET sensitive = 1 WHERE id = 'a'").run()
  expect(ftsEntries(db)).toEqual([
    { term: 'bravo', doc: b },
    { term: 'secret', doc: b },
  ])

  // A status-only update does not touch the index.
  db.prepare("UPDATE messages SET status = 'stopped' WHERE id = 'b'").run()
  db.prepare("DELETE FROM messages WHERE id = 'b'").run()
  db.prepare("DELETE FROM messages WHERE id = 'a'").run()
  expect(ftsEntries(db)).toEqual([])
})

it('0003 folds case and accents', () => {
  migrate(db, { to: 3 })
  db.prepare(
    "INSERT INTO sessions (id, title, created_at, updated_at) VALUES ('s', 'T', 'a', 'b')",
  ).run()
  db.prepare(
    "INSERT INTO messages (seq, id, session_id, role, content, created_at) VALUES (5, 'm', 's', 'user', 'CRÈME Brûlée', 't')",
  ).run()
  expect(ftsEntries(db).map((e) => e.term)).toEqual(['brulee', 'creme'])
})
