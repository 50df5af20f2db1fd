import { afterEach, beforeEach, expect, it } from 'vitest'
import type { Database } from 'better-sqlite3-multiple-ciphers'
import path from 'node:path'
import { migrate, schemaVersion } from '../../../../src/main/storage/sqlite/migrate'
import { SqliteStorage } from '../../../../src/main/storage/sqlite/sqliteStorage'
import { at, makeMessage } from '../helpers/fixtures'
import { ftsEntries, rawDb, tempDir } from '../helpers/tempDb'

let tmp: ReturnType<typeof tempDir>
let file: string
let db: Database
beforeEach(() => {
  tmp = tempDir()
  file = path.join(tmp.dir, 'm.db')
  db = rawDb(file)
  migrate(db, { to: 4 })
})
afterEach(() => {
  if (db.open) db.close()
  tmp.cleanup()
})

/** A database as version 4 left it: two sessions whose messages interleave, gaps in seq. */
function seedVersion4(): void {
  const session = db.prepare(
    "INSERT INTO sessions (id, title, created_at, updated_at, message_count) VALUES (?, ?, 'a', 'b', ?)",
  )
  session.run('s1', 'First', 4)
  session.run('s2', 'Second', 2)
  session.run('s3', 'Empty', 0)
  const add = db.prepare(
    `INSERT INTO messages (seq, id, session_id, role, content, created_at, sensitive)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  )
  // prettier-ignore
  const old: unknown[][] = [
    [3, 'm1', 's1', 'user', 'Tell me about the lighthouse', 't1', 0],
    [5, 'n1', 's2', 'user', 'harbour question', 't2', 0],
    [7, 'm2', 's1', 'assistant', 'A lighthouse keeper ◊', 't3', 0],
    [9, 'n2', 's2', 'tool', 'harbour tide table', 't4', 0],
    [12, 'm3', 's1', 'user', 'secret lighthouse', 't5', 1],
    [13, 'm4', 's1', 'assistant', 'the lamp', 't6', 0],
  ]
  for (const row of old) add.run(...row)
}

const tree = (): unknown[] =>
  db.prepare('SELECT id, parent_id, active_child_id, on_path FROM messages ORDER BY seq').all()

it('0005 turns every session into a chain in its existing order, index untouched', () => {
  seedVersion4()
  const before = {
    rows: db.prepare('SELECT * FROM messages ORDER BY seq').all(),
    fts: ftsEntries(db),
  }

  expect(migrate(db, { to: 5 })).toBe(5)
  expect(schemaVersion(db)).toBe(5)
  expect(tree()).toEqual([
    { id: 'm1', parent_id: null, active_child_id: 'm2', on_path: 1 },
    { id: 'n1', parent_id: null, active_child_id: 'n2', on_path: 1 },
    { id: 'm2', parent_id: 'm1', active_child_id: 'm3', on_path: 1 },
    { id: 'n2', parent_id: 'n1', active_child_id: null, on_path: 1 },
    { id: 'm3', parent_id: 'm2', active_child_id: 'm4', on_path: 1 },
    { id: 'm4', parent_id: 'm3', active_child_id: null, on_path: 1 },
  ])
  expect(
    db.prepare('SELECT id, current_leaf_id, message_count FROM sessions ORDER BY id').all(),
  ).toEqual([
    { id: 's1', current_leaf_id: 'm4', message_count: 4 },
    { id: 's2', current_leaf_id: 'n2', message_count: 2 },
    { id: 's3', current_leaf_id: null, message_count: 0 },
  ])
  // Every old column and value is as it was, seq included (it is the FTS rowid).
  const after = db.prepare('SELECT * FROM messages ORDER BY seq').all() as Record<string, unknown>[]
  expect(after.map(({ parent_id: _p, active_child_id: _a, on_path: _o, ...rest }) => rest)).toEqual(
    before.rows,
  )
  expect(ftsEntries(db)).toEqual(before.fts)
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
  expect(db.pragma('foreign_key_check')).toEqual([])
  const indexes = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'messages'")
    .pluck()
    .all()
  expect(indexes).toEqual(expect.arrayContaining(['messages_by_parent', 'messages_roots']))
  // A parent must be a stored message.
  expect(() =>
    db
      .prepare(
        "INSERT INTO messages (id, session_id, role, content, created_at, parent_id) VALUES ('x', 's1', 'user', 'x', 't', 'ghost')",
      )
      .run(),
  ).toThrow(/FOREIGN KEY/)
})

it('0005: a migrated database serves the chain as the current path and branches from it', async () => {
  seedVersion4()
  db.close()
  const reopened = rawDb(file)
  migrate(reopened)
  const storage = new SqliteStorage(reopened, file)
  try {
    const page = await storage.listMessages('s1')
    expect(page.items.map((m) => [m.id, m.parentId, m.versionIndex, m.versionCount])).toEqual([
      ['m1', null, 1, 1],
      ['m2', 'm1', 1, 1],
      ['m3', 'm2', 1, 1],
      ['m4', 'm3', 1, 1],
    ])
    expect(await storage.getSession('s1')).toMatchObject({ currentLeafId: 'm4', messageCount: 4 })
    const older = await storage.listMessages('s1', { limit: 2, before: 'm3' })
    expect(older.items.map((m) => m.id)).toEqual(['m1', 'm2'])

    await storage.appendMessage(makeMessage('s1', { id: 'm5', createdAt: at(1) }))
    expect((await storage.getMessage('m5')).parentId).toBe('m4')
    await storage.appendMessage(
      makeMessage('s1', { id: 'm2b', parentId: 'm1', content: 'another keeper', createdAt: at(2) }),
    )
    expect((await storage.listMessages('s1')).items.map((m) => m.id)).toEqual(['m1', 'm2b'])
    expect((await storage.search('keeper')).map((h) => [h.messageId, h.onCurrentPath])).toEqual(
      expect.arrayContaining([
        ['m2', false],
        ['m2b', true],
      ]),
    )
    await storage.switchToMessage('m2')
    expect((await storage.listMessages('s1')).items.map((m) => m.id)).toEqual([
      'm1',
      'm2',
      'm3',
      'm4',
      'm5',
    ])
    expect((await storage.listMessages('s2')).items.map((m) => m.id)).toEqual(['n1', 'n2'])
  } finally {
    await storage.close()
  }
})

it('0005 migrates an empty database', () => {
  expect(migrate(db, { to: 5 })).toBe(5)
  expect(tree()).toEqual([])
})
