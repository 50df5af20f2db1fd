import { afterEach, beforeEach, expect, it } from 'vitest'
import type { Database } from 'better-sqlite3-multiple-ciphers'
import path from 'node:path'
import { migrate, schemaVersion } from '../../../../src/main/storage/sqlite/migrate'
import { columnNames, ftsEntries, rawDb, tempDir } from '../helpers/tempDb'

let tmp: ReturnType<typeof tempDir>
let db: Database
beforeEach(() => {
  tmp = tempDir()
  db = rawDb(path.join(tmp.dir, 'm.db'))
  migrate(db, { to: 3 })
})
afterEach(() => {
  db.close()
  tmp.cleanup()
})

const dependents = (): unknown[] =>
  db
    .prepare(
      "SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = 'messages' AND type IN ('index', 'trigger') ORDER BY type, name",
    )
    .all()

const DEPENDENTS = [
  'messages_by_session',
  'sqlite_autoindex_messages_1',
  'messages_fts_after_delete',
  'messages_fts_after_insert',
  'messages_fts_after_update',
]

const rows = (): unknown[] => db.prepare('SELECT * FROM messages ORDER BY seq').all()

/** Joined with messages, so a stale rowid (a seq that moved) would show up as a wrong id. */
const found = (q: string): unknown[] =>
  db
    .prepare(
      `SELECT m.id FROM messages_fts JOIN messages m ON m.seq = messages_fts.rowid
       WHERE messages_fts MATCH ? ORDER BY m.seq`,
    )
    .pluck()
    .all(q)

function seedVersion3(): void {
  const session = db.prepare(
    "INSERT INTO sessions (id, title, created_at, updated_at, message_count) VALUES (?, ?, 'a', 'b', ?)",
  )
  session.run('s1', 'First', 3)
  session.run('s2', 'Second', 1)
  const add = db.prepare(
    `INSERT INTO messages (seq, id, session_id, role, content, created_at, pattern, uncertainty,
       sensitive, status, provider, model, metadata)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  // Gaps in seq (deleted messages) must survive: the FTS rowids point at these exact values.
  // seq, id, session, role, content, created_at, pattern, uncertainty, sensitive, status,
  // provider, model, metadata
  // prettier-ignore
  const old: unknown[][] = [
    [3, 'm1', 's1', 'system', 'Be brief about lighthouses', 't1', null, null, 0, 'complete', null, null, '{}'],
    [7, 'm2', 's1', 'user', 'Tell me about the old lighthouse', 't2', null, null, 0, 'complete', null, null, '{"k":[1]}'],
    [8, 'm3', 's1', 'assistant', 'A lighthouse ◊ ⟨low⟩ café', 't3', 'creative', 'low', 0, 'stopped', 'offline', 'v1', '{"usage":{}}'],
    [12, 'm4', 's2', 'user', 'secret lighthouse', 't4', null, null, 1, 'complete', null, null, '{}'],
  ]
  for (const row of old) add.run(...row)
}

it('0004 keeps every row, seq and the full-text index, and accepts tool and function roles', () => {
  seedVersion3()
  const before = { rows: rows(), dependents: dependents(), fts: ftsEntries(db) }
  const columns = columnNames(db, 'messages')
  expect(() =>
    db
      .prepare(
        "INSERT INTO messages (id, session_id, role, content, created_at) VALUES ('x', 's1', 'tool', 'x', 't')",
      )
      .run(),
  ).toThrow(/CHECK/)

  expect(migrate(db, { to: 4 })).toBe(4)
  expect(schemaVersion(db)).toBe(4)
  expect(rows()).toEqual(before.rows)
  expect(columnNames(db, 'messages')).toEqual(columns)
  expect(dependents()).toEqual(before.dependents)
  expect(dependents().map((d) => (d as { name: string }).name)).toEqual(DEPENDENTS)
  expect(ftsEntries(db)).toEqual(before.fts)
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
  expect(db.pragma('foreign_key_check')).toEqual([])
  expect(found('lighthouse*')).toEqual(['m1', 'm2', 'm3'])
  expect(found('cafe')).toEqual(['m3'])
  expect(found('secret')).toEqual([])

  const add = db.prepare(
    "INSERT INTO messages (id, session_id, role, content, created_at, sensitive) VALUES (?, 's2', ?, ?, 't9', ?)",
  )
  add.run('t1', 'tool', '{"lighthouse": "Fastnet", "height_m": 54}', 0)
  add.run('f1', 'function', 'weather near the lighthouse: fog', 0)
  add.run('t2', 'tool', 'sealed lighthouse output', 1)
  expect(db.prepare("SELECT seq FROM messages WHERE id = 't1'").pluck().get()).toBe(13)
  expect(found('lighthouse*')).toEqual(['m1', 'm2', 'm3', 't1', 'f1'])
  expect(found('fastnet')).toEqual(['t1'])
  expect(found('fog')).toEqual(['f1'])
  expect(found('sealed')).toEqual([])
  expect(() => add.run('bad', 'robot', 'no such role', 0)).toThrow(/CHECK/)

  // The triggers still follow updates and deletes, and the cascade from sessions still holds.
  db.prepare("UPDATE messages SET content = 'Tell me about the harbour' WHERE id = 'm2'").run()
  expect(found('lighthouse*')).toEqual(['m1', 'm3', 't1', 'f1'])
  expect(found('harbour')).toEqual(['m2'])
  db.prepare("DELETE FROM sessions WHERE id = 's2'").run()
  expect(db.prepare('SELECT id FROM messages ORDER BY seq').pluck().all()).toEqual([
    'm1',
    'm2',
    'm3',
  ])
  expect(found('lighthouse*')).toEqual(['m1', 'm3'])
  expect(new Set(ftsEntries(db).map((e) => e.doc))).toEqual(new Set([3, 7, 8]))
})

it('0004 migrates an empty database', () => {
  expect(migrate(db, { to: 4 })).toBe(4)
  expect(rows()).toEqual([])
  expect(dependents().map((d) => (d as { name: string }).name)).toEqual(DEPENDENTS)
  db.prepare(
    "INSERT INTO sessions (id, title, created_at, updated_at) VALUES ('s', 'T', 'a', 'b')",
  ).run()
  db.prepare(
    "INSERT INTO messages (id, session_id, role, content, created_at) VALUES ('t', 's', 'tool', 'first words', 't')",
  ).run()
  expect(found('words')).toEqual(['t'])
})
