import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3-multiple-ciphers'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/main/storage/sqlite/openDatabase'
import { openSqliteStorage } from '../../../src/main/storage/sqlite/sqliteStorage'
import { at, expectMirrorError, makeMessage, makeSession } from './helpers/fixtures'
import { sha256, tempDir } from './helpers/tempDb'

let tmp: ReturnType<typeof tempDir>
beforeEach(() => {
  tmp = tempDir()
})
afterEach(() => tmp.cleanup())

/** A real database with enough messages to span many pages. */
async function realDatabase(file: string, messages = 400): Promise<string> {
  const storage = await openSqliteStorage(file)
  const session = makeSession()
  await storage.createSession(session)
  for (let i = 0; i < messages; i++) {
    await storage.appendMessage(
      makeMessage(session.id, {
        content: `message ${i} ${'padding '.repeat(20)}`,
        createdAt: at(i),
      }),
    )
  }
  await storage.close()
  return session.id
}

describe('opening', () => {
  it('sets WAL, busy_timeout, foreign keys and synchronous NORMAL', () => {
    const db = openDatabase(path.join(tmp.dir, 'nested', 'folder', 'mirror.db'))
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000)
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
      expect(db.pragma('synchronous', { simple: true })).toBe(1)
    } finally {
      db.close()
    }
  })

  it('treats an empty file as a new database', async () => {
    const file = path.join(tmp.dir, 'empty.db')
    fs.writeFileSync(file, '')
    const storage = await openSqliteStorage(file)
    await storage.createSession(makeSession())
    expect((await storage.listSessions()).items).toHaveLength(1)
    await storage.close()
  })
})

describe('a damaged or foreign file is reported and left untouched', () => {
  it('random bytes -> STORAGE_CORRUPT naming the file', async () => {
    const file = path.join(tmp.dir, 'random.db')
    fs.writeFileSync(file, crypto.randomBytes(8192))
    const before = sha256(file)
    const error = await expectMirrorError(openSqliteStorage(file), 'STORAGE_CORRUPT')
    expect(error.message).toContain(file)
    expect(error.data).toMatchObject({ file })
    expect(sha256(file)).toBe(before)
    expect(fs.readdirSync(tmp.dir)).toEqual(['random.db'])
  })

  it('a text file -> STORAGE_CORRUPT', async () => {
    const file = path.join(tmp.dir, 'notes.db')
    fs.writeFileSync(file, 'just some notes, not a database\n'.repeat(10))
    const before = sha256(file)
    await expectMirrorError(openSqliteStorage(file), 'STORAGE_CORRUPT')
    expect(sha256(file)).toBe(before)
  })

  it('a truncated real database -> STORAGE_CORRUPT', async () => {
    const file = path.join(tmp.dir, 'cut.db')
    await realDatabase(file)
    const size = fs.statSync(file).size
    expect(size).toBeGreaterThan(64 * 1024)
    fs.truncateSync(file, Math.floor(size / 2))
    const before = sha256(file)
    const error = await expectMirrorError(openSqliteStorage(file), 'STORAGE_CORRUPT')
    expect(error.message).toContain(file)
    expect(sha256(file)).toBe(before)
    expect(fs.readdirSync(tmp.dir)).toEqual(['cut.db'])
  })

  it('damaged pages inside a real database -> STORAGE_CORRUPT, never a raw SQLite error', async () => {
    const file = path.join(tmp.dir, 'damaged.db')
    const sessionId = await realDatabase(file)
    const bytes = fs.readFileSync(file)
    const pageSize = bytes.readUInt16BE(16)
    // Keep the header page, scramble every other page.
    crypto.randomFillSync(bytes, pageSize)
    fs.writeFileSync(file, bytes)
    const before = sha256(file)

    let error: unknown = null
    try {
      const storage = await openSqliteStorage(file)
      try {
        await storage.listMessages(sessionId)
        await storage.search('message')
      } finally {
        await storage.close()
      }
    } catch (e) {
      error = e
    }
    expect(error).not.toBeNull()
    await expectMirrorError(Promise.reject(error), 'STORAGE_CORRUPT')
    expect(sha256(file)).toBe(before)
  })

  it('another program’s SQLite database -> STORAGE_CORRUPT, unchanged', async () => {
    const file = path.join(tmp.dir, 'other.db')
    const other = new Database(file)
    other.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')")
    other.close()
    const before = sha256(file)
    const error = await expectMirrorError(openSqliteStorage(file), 'STORAGE_CORRUPT')
    expect(error.message).toContain('not an ActiveMirror database')
    expect(sha256(file)).toBe(before)
  })
})

describe('an unusable path -> STORAGE_UNAVAILABLE', () => {
  it('a folder where the file should be', async () => {
    const file = path.join(tmp.dir, 'folder.db')
    fs.mkdirSync(file)
    await expectMirrorError(openSqliteStorage(file), 'STORAGE_UNAVAILABLE')
  })

  it('a path under a regular file', async () => {
    const blocker = path.join(tmp.dir, 'blocker')
    fs.writeFileSync(blocker, 'x')
    await expectMirrorError(
      openSqliteStorage(path.join(blocker, 'mirror.db')),
      'STORAGE_UNAVAILABLE',
    )
    expect(fs.readFileSync(blocker, 'utf8')).toBe('x')
  })
})

describe('an unreadable file -> STORAGE_UNAVAILABLE', () => {
  // root reads any file regardless of mode, so this can only be observed as a normal user.
  it.skipIf(process.getuid?.() === 0)('a database without read permission', async () => {
    const file = path.join(tmp.dir, 'locked.db')
    await realDatabase(file, 5)
    fs.chmodSync(file, 0o000)
    try {
      await expectMirrorError(openSqliteStorage(file), 'STORAGE_UNAVAILABLE')
    } finally {
      fs.chmodSync(file, 0o600)
    }
  })
})

describe('a lock held too long -> STORAGE_BUSY', () => {
  it('fails the write cleanly and succeeds once the lock is gone', async () => {
    const file = path.join(tmp.dir, 'busy.db')
    const storage = await openSqliteStorage(file, { busyTimeoutMs: 50 })
    const session = makeSession()
    await storage.createSession(session)
    const other = new Database(file)
    try {
      other.exec('BEGIN IMMEDIATE')
      const m = makeMessage(session.id)
      await expectMirrorError(storage.appendMessage(m), 'STORAGE_BUSY')
      // Reads still work in WAL mode while another process writes.
      expect((await storage.getSession(session.id)).messageCount).toBe(0)
      other.exec('COMMIT')
      await storage.appendMessage(m)
      expect((await storage.getSession(session.id)).messageCount).toBe(1)
    } finally {
      other.close()
      await storage.close()
    }
  })
})
