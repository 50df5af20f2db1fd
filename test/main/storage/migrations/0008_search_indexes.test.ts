import { afterEach, beforeEach, expect, it } from 'vitest'
import type { Database } from 'better-sqlite3-multiple-ciphers'
import path from 'node:path'
import { migrate, schemaVersion } from '../../../../src/main/storage/sqlite/migrate'
import { FOLD_FUNCTION, listSessionRows } from '../../../../src/main/storage/sqlite/sessionQueries'
import { ftsEntries, rawDb, tempDir } from '../helpers/tempDb'

const VERSION = 8

let tmp: ReturnType<typeof tempDir>
let db: Database
let folds = 0
beforeEach(() => {
  tmp = tempDir()
  db = rawDb(path.join(tmp.dir, 'm.db'))
  folds = 0
  // Counts the per-row JavaScript calls the title search makes.
  db.function(FOLD_FUNCTION, { deterministic: true }, (text: unknown) => {
    folds++
    return typeof text === 'string'
      ? text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
      : null
  })
  migrate(db, { to: VERSION - 1 })
})
afterEach(() => {
  db.close()
  tmp.cleanup()
})

const addSession = (id: string, title: string): void =>
  void db
    .prepare("INSERT INTO sessions (id, title, created_at, updated_at) VALUES (?, ?, 'a', ?)")
    .run(id, title, `b${id}`)
const addMessage = (seq: number, content: string, sensitive = 0): void =>
  void db
    .prepare(
      "INSERT INTO messages (seq, id, session_id, role, content, created_at, sensitive) VALUES (?, ?, 's1', 'user', ?, 't', ?)",
    )
    .run(seq, `m${seq}`, content, sensitive)
const match = (q: string): unknown[] =>
  db
    .prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid')
    .pluck()
    .all(q)
const titled = (needle: string): string[] =>
  listSessionRows(db, { archived: 'all', cursor: null, limit: 10, titleNeedle: needle }).map(
    (row) => row.id,
  )

it(`${VERSION} keeps every row, folds the stored titles and re-indexes only visible messages`, () => {
  addSession('s1', 'Café Notes')
  addSession('s2', 'ÉTÉ à Paris')
  addMessage(1, 'Mirror of the café', 0)
  addMessage(2, 'secret mirage', 1)
  addMessage(3, 'a miracle', 0)
  const before = {
    sessions: db.prepare('SELECT * FROM sessions ORDER BY id').all(),
    messages: db.prepare('SELECT * FROM messages ORDER BY seq').all(),
  }
  expect(migrate(db, { to: VERSION })).toBe(VERSION)
  expect(schemaVersion(db)).toBe(VERSION)
  const after = db.prepare('SELECT * FROM sessions ORDER BY id').all() as Array<
    Record<string, unknown>
  >
  expect(after.map(({ title_folded: _f, ...rest }) => rest)).toEqual(before.sessions)
  expect(after.map((row) => row.title_folded)).toEqual(['cafe notes', 'ete a paris'])
  expect(db.prepare('SELECT * FROM messages ORDER BY seq').all()).toEqual(before.messages)
  expect(new Set(ftsEntries(db).map((e) => e.doc))).toEqual(new Set([1, 3]))
  expect(match('"mir"*')).toEqual([1, 3])
  expect(match('"m"*')).toEqual([1, 3])
  expect(match('"cafe"')).toEqual([1])
  expect(match('"secret"')).toEqual([])
  const definition = db
    .prepare("SELECT sql FROM sqlite_schema WHERE name = 'messages_fts'")
    .pluck()
    .get() as string
  expect(definition).toContain("prefix = '1 2 3'")
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
})

it(`${VERSION}: title search reads the stored fold, calling the fold function for no row`, () => {
  migrate(db, { to: VERSION })
  addSession('s1', 'x')
  addSession('s2', 'y')
  db.prepare("UPDATE sessions SET title_folded = 'cafe notes' WHERE id = 's1'").run()
  db.prepare("UPDATE sessions SET title_folded = 'other' WHERE id = 's2'").run()
  folds = 0
  expect(titled('cafe')).toEqual(['s1'])
  expect(folds).toBe(0)
})

it(`${VERSION}: a title written without its fold is folded on the fly, never matched stale`, () => {
  migrate(db, { to: VERSION })
  addSession('s1', 'Garden Café') // inserted without title_folded, as an older tool would
  db.prepare("UPDATE sessions SET title_folded = 'garden cafe' WHERE id = 's1'").run()
  db.prepare("UPDATE sessions SET title = 'Harbour Notes' WHERE id = 's1'").run()
  expect(db.prepare("SELECT title_folded FROM sessions WHERE id = 's1'").pluck().get()).toBeNull()
  folds = 0
  expect(titled('garden')).toEqual([])
  expect(titled('harbour')).toEqual(['s1'])
  expect(folds).toBeGreaterThan(0)
})

const indexed = (needle: string): string[] =>
  db
    .prepare(
      `SELECT k.session_id FROM session_titles JOIN session_title_keys k ON k.key = session_titles.rowid
       WHERE session_titles MATCH ? ORDER BY k.session_id`,
    )
    .pluck()
    .all(`"${needle}"`) as string[]

it(`${VERSION}: the title trigram index follows inserts, renames, stale folds and deletes`, () => {
  addSession('old', 'Lighthouse Café')
  migrate(db, { to: VERSION })
  expect(indexed('thouse caf')).toEqual(['old'])
  const insert = db.prepare(
    "INSERT INTO sessions (id, title, title_folded, created_at, updated_at) VALUES (?, ?, ?, 'a', 'b')",
  )
  insert.run('new', 'Harbour Walk', 'harbour walk')
  expect(indexed('bour')).toEqual(['new'])
  expect(titled('our wal')).toEqual(['new'])

  db.prepare(
    "UPDATE sessions SET title = 'Quiet Morning', title_folded = 'quiet morning' WHERE id = 'new'",
  ).run()
  expect(indexed('bour')).toEqual([])
  expect(titled('harbour')).toEqual([])
  expect(titled('morn')).toEqual(['new'])

  // Renamed by a writer that does not know the fold: out of the index, still found by its title.
  db.prepare("UPDATE sessions SET title = 'Evening Tide' WHERE id = 'new'").run()
  expect(indexed('morn')).toEqual([])
  expect(titled('morn')).toEqual([])
  expect(titled('tide')).toEqual(['new'])

  db.prepare("DELETE FROM sessions WHERE id = 'old'").run()
  expect(indexed('house')).toEqual([])
  expect(db.prepare('SELECT count(*) FROM session_title_keys').pluck().get()).toBe(0)
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
  db.exec("INSERT INTO session_titles (session_titles) VALUES ('integrity-check')")
})
