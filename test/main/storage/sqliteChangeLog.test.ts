import { afterEach, beforeEach, expect, it } from 'vitest'
import Database from 'better-sqlite3-multiple-ciphers'
import type { Database as Db } from 'better-sqlite3-multiple-ciphers'
import path from 'node:path'
import { MAX_CHANGED_IDS } from '../../../src/main/storage/changeFeed'
import { SqliteChangeLog } from '../../../src/main/storage/sqlite/changeLog'
import { openSqliteStorage } from '../../../src/main/storage/sqlite/sqliteStorage'
import type { SqliteStorage } from '../../../src/main/storage/sqlite/sqliteStorage'
import type { StorageChange } from '../../../src/main/storage/storage'
import { at, makeMessage, makeSession } from './helpers/fixtures'
import { tempDir } from './helpers/tempDb'

let tmp: ReturnType<typeof tempDir>
let file: string
let other: SqliteStorage
let reader: Db
let statements: string[]

beforeEach(async () => {
  tmp = tempDir()
  file = path.join(tmp.dir, 'mirror.db')
  other = await openSqliteStorage(file)
  statements = []
  // `verbose` is called with the text of every statement this connection runs.
  reader = new Database(file, { verbose: (sql) => statements.push(String(sql)) })
})
afterEach(async () => {
  reader.close()
  await other.close()
  tmp.cleanup()
})

it('a look when no other connection committed runs PRAGMA data_version and nothing else', async () => {
  const session = makeSession()
  await other.createSession(session)
  for (let i = 0; i < 200; i += 1) await other.appendMessage(makeMessage(session.id))
  const log = new SqliteChangeLog(reader)
  statements.length = 0
  for (let i = 0; i < 5; i += 1) expect(log.check()).toBeNull()
  expect(statements).toEqual(Array(5).fill('PRAGMA data_version'))
})

it('reports the sessions another connection created, renamed, archived, deleted or wrote to', async () => {
  const a = makeSession()
  const b = makeSession()
  await other.createSession(a)
  const log = new SqliteChangeLog(reader)
  const looks: Array<StorageChange | null> = []
  const look = (): void => void looks.push(log.check())

  await other.createSession(b)
  look()
  await other.updateSession(a.id, { title: 'Renamed', updatedAt: at(5) })
  look()
  await other.updateSession(b.id, { archived: true, updatedAt: at(6) })
  await other.appendMessage(makeMessage(a.id))
  look()
  await other.deleteSession(b.id)
  look()
  look()
  expect(looks).toEqual([
    { sessionIds: [b.id], all: false },
    { sessionIds: [a.id], all: false },
    { sessionIds: [b.id, a.id], all: false },
    { sessionIds: [b.id], all: false },
    null,
  ])
  // Reading changes touches the log only, never the sessions or messages tables.
  const read = statements.filter((sql) => !sql.startsWith('PRAGMA'))
  expect(read.length).toBeGreaterThan(0)
  expect(read.every((sql) => /FROM session_changes/.test(sql))).toBe(true)
  expect(read.some((sql) => /\b(sessions|messages)\b/.test(sql))).toBe(false)
})

it('asks to re-read everything when more changed than it names, or the log was trimmed past it', async () => {
  const log = new SqliteChangeLog(reader)
  for (let i = 0; i <= MAX_CHANGED_IDS; i += 1) await other.createSession(makeSession())
  expect(log.check()).toEqual({ sessionIds: [], all: true })
  const session = makeSession()
  await other.createSession(session)
  expect(log.check()).toEqual({ sessionIds: [session.id], all: false })

  // 2 000 messages log 4 000 rows: the trim drops rows this reader has not seen yet.
  for (let i = 0; i < 2000; i += 1) await other.appendMessage(makeMessage(session.id))
  expect(log.check()).toEqual({ sessionIds: [], all: true })
  expect(log.check()).toBeNull()
})
