import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { MIGRATIONS, LATEST_VERSION } from '../../../../src/main/storage/sqlite/migrations'
import { migrate, schemaVersion } from '../../../../src/main/storage/sqlite/migrate'
import { openSqliteStorage } from '../../../../src/main/storage/sqlite/sqliteStorage'
import { expectMirrorError } from '../helpers/fixtures'
import { rawDb, sha256, tableNames, tempDir } from '../helpers/tempDb'

let tmp: ReturnType<typeof tempDir>
beforeEach(() => {
  tmp = tempDir()
})
afterEach(() => tmp.cleanup())

it('numbers migrations 1..N and runs each once', () => {
  expect(MIGRATIONS.map((m) => m.version)).toEqual(
    Array.from({ length: LATEST_VERSION }, (_, i) => i + 1),
  )
  const db = rawDb(path.join(tmp.dir, 'm.db'))
  expect(migrate(db)).toBe(LATEST_VERSION)
  const schema = db.prepare('SELECT sql FROM sqlite_schema ORDER BY name').pluck().all()
  expect(migrate(db)).toBe(LATEST_VERSION)
  expect(db.prepare('SELECT sql FROM sqlite_schema ORDER BY name').pluck().all()).toEqual(schema)
  db.close()
})

it('rolls back a failing migration entirely and keeps the version', () => {
  const db = rawDb(path.join(tmp.dir, 'm.db'))
  const broken = [
    ...MIGRATIONS.slice(0, 1),
    {
      version: 2,
      name: 'half done',
      up: (d: typeof db) => {
        d.exec('CREATE TABLE half (x)')
        d.exec('THIS IS NOT SQL')
      },
    },
  ]
  expect(() => migrate(db, { migrations: broken })).toThrow()
  expect(schemaVersion(db)).toBe(1)
  expect(tableNames(db)).toEqual(['sessions'])
  db.close()
})

it('refuses a database from a newer version and leaves it unchanged', async () => {
  const file = path.join(tmp.dir, 'future.db')
  const db = rawDb(file)
  migrate(db)
  db.prepare(
    "INSERT INTO sessions (id, title, created_at, updated_at) VALUES ('s', 'from the future', 'a', 'b')",
  ).run()
  db.pragma(`user_version = ${LATEST_VERSION + 1}`)
  db.close()
  const before = sha256(file)

  const error = await expectMirrorError(openSqliteStorage(file), 'STORAGE_UNAVAILABLE')
  expect(error.message).toContain('newer ActiveMirror')
  expect(error.data).toMatchObject({ schemaVersion: LATEST_VERSION + 1 })
  expect(sha256(file)).toBe(before)
  expect(fs.existsSync(`${file}-wal`)).toBe(false)

  const again = rawDb(file)
  expect(() => migrate(again)).toThrow(/newer ActiveMirror/)
  expect(schemaVersion(again)).toBe(LATEST_VERSION + 1)
  again.close()
})

it('upgrades a database left at an older version when the storage opens it', async () => {
  const file = path.join(tmp.dir, 'old.db')
  const db = rawDb(file)
  migrate(db, { to: 2 })
  db.prepare(
    "INSERT INTO sessions (id, title, created_at, updated_at, message_count) VALUES ('s', 'Old', '2025-01-01', '2025-01-01', 1)",
  ).run()
  db.prepare(
    "INSERT INTO messages (id, session_id, role, content, created_at) VALUES ('m', 's', 'user', 'ancient lighthouse', '2025-01-01')",
  ).run()
  db.close()

  const storage = await openSqliteStorage(file)
  try {
    expect((await storage.search('lighthouse')).map((h) => h.messageId)).toEqual(['m'])
    expect((await storage.getMessage('m')).status).toBe('complete')
  } finally {
    await storage.close()
  }
  const check = rawDb(file)
  expect(schemaVersion(check)).toBe(LATEST_VERSION)
  check.close()
})
