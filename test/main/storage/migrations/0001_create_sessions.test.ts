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
})
afterEach(() => {
  db.close()
  tmp.cleanup()
})

it('0001 creates sessions on an empty database', () => {
  expect(schemaVersion(db)).toBe(0)
  expect(migrate(db, { to: 1 })).toBe(1)
  expect(tableNames(db)).toEqual(['sessions'])
  expect(columnNames(db, 'sessions')).toEqual([
    'id',
    'title',
    'created_at',
    'updated_at',
    'message_count',
    'archived',
    'metadata',
  ])
  db.prepare(
    "INSERT INTO sessions (id, title, created_at, updated_at) VALUES ('s1', 'T', 'a', 'b')",
  ).run()
  expect(db.prepare('SELECT message_count, archived, metadata FROM sessions').get()).toEqual({
    message_count: 0,
    archived: 0,
    metadata: '{}',
  })
  expect(() =>
    db
      .prepare(
        "INSERT INTO sessions (id, title, created_at, updated_at, archived) VALUES ('s2', 'T', 'a', 'b', 7)",
      )
      .run(),
  ).toThrow(/CHECK/)
})

it('0001 serves the newest-first session list from an index', () => {
  migrate(db, { to: 1 })
  const plan = db
    .prepare(
      'EXPLAIN QUERY PLAN SELECT id FROM sessions WHERE archived = 0 ORDER BY updated_at DESC, id DESC LIMIT 10',
    )
    .all() as Array<{ detail: string }>
  const details = plan.map((p) => p.detail).join('\n')
  expect(details).toContain('sessions_by_archived_updated')
  expect(details).not.toContain('TEMP B-TREE')
})
