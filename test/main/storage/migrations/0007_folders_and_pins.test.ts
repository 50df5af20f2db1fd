import { afterEach, beforeEach, expect, it } from 'vitest'
import type { Database } from 'better-sqlite3-multiple-ciphers'
import path from 'node:path'
import { migrate, schemaVersion } from '../../../../src/main/storage/sqlite/migrate'
import { SqliteChangeLog } from '../../../../src/main/storage/sqlite/changeLog'
import { rawDb, tempDir } from '../helpers/tempDb'

let tmp: ReturnType<typeof tempDir>
let db: Database
beforeEach(() => {
  tmp = tempDir()
  db = rawDb(path.join(tmp.dir, 'm.db'))
  migrate(db, { to: 6 })
})
afterEach(() => {
  db.close()
  tmp.cleanup()
})

const addSession = (id: string, updatedAt = 'b'): void =>
  void db
    .prepare("INSERT INTO sessions (id, title, created_at, updated_at) VALUES (?, ?, 'a', ?)")
    .run(id, id, updatedAt)

it('0007 keeps existing sessions, unpinned and in no folder', () => {
  addSession('s1')
  const before = db.prepare('SELECT * FROM sessions').get() as Record<string, unknown>
  expect(migrate(db, { to: 7 })).toBe(7)
  expect(schemaVersion(db)).toBe(7)
  expect(db.prepare('SELECT * FROM sessions').get()).toEqual({
    ...before,
    pinned: 0,
    folder_id: null,
  })
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
  expect(db.pragma('foreign_key_check')).toEqual([])
})

it('0007 folder names are unique by their folded key; deleting a folder unfiles its sessions', () => {
  migrate(db, { to: 7 })
  const insert = db.prepare(
    "INSERT INTO folders (id, name, name_key, created_at) VALUES (?, ?, ?, 't')",
  )
  insert.run('f1', 'Work', 'work')
  expect(() => insert.run('f2', 'WORK', 'work')).toThrow(/UNIQUE/)
  addSession('s1', 'u1')
  db.prepare("UPDATE sessions SET folder_id = 'f1', pinned = 1 WHERE id = 's1'").run()
  expect(() => db.prepare("UPDATE sessions SET folder_id = 'nope' WHERE id = 's1'").run()).toThrow(
    /FOREIGN KEY/,
  )
  expect(() => db.prepare("UPDATE sessions SET pinned = 2 WHERE id = 's1'").run()).toThrow(/CHECK/)
  db.prepare("DELETE FROM folders WHERE id = 'f1'").run()
  expect(
    db.prepare("SELECT folder_id, pinned, updated_at FROM sessions WHERE id = 's1'").get(),
  ).toEqual({ folder_id: null, pinned: 1, updated_at: 'u1' })
})

it('0007 logs folder changes so other processes re-read the folders', () => {
  migrate(db, { to: 7 })
  addSession('s1')
  const log = new SqliteChangeLog(db)
  // The change log looks only when another connection committed.
  const other = rawDb(path.join(tmp.dir, 'm.db'))
  try {
    other
      .prepare("INSERT INTO folders (id, name, name_key, created_at) VALUES ('f1', 'A', 'a', 't')")
      .run()
    expect(log.check()).toEqual({ sessionIds: [], all: false, folders: true })
    other.prepare("UPDATE sessions SET folder_id = 'f1' WHERE id = 's1'").run()
    expect(log.check()).toEqual({ sessionIds: ['s1'], all: false })
    other.prepare("DELETE FROM folders WHERE id = 'f1'").run()
    expect(log.check()).toEqual({ sessionIds: ['s1'], all: false, folders: true })
  } finally {
    other.close()
  }
})
