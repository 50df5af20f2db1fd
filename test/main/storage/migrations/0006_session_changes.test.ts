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
  migrate(db, { to: 5 })
})
afterEach(() => {
  db.close()
  tmp.cleanup()
})

const logged = (): string[] =>
  db.prepare('SELECT session_id FROM session_changes ORDER BY seq').pluck().all() as string[]
const clearLog = (): void => void db.prepare('DELETE FROM session_changes').run()

const addSession = (id: string): void =>
  void db
    .prepare("INSERT INTO sessions (id, title, created_at, updated_at) VALUES (?, ?, 'a', 'b')")
    .run(id, id)
const addMessage = (id: string, sessionId: string): void =>
  void db
    .prepare(
      "INSERT INTO messages (id, session_id, role, content, created_at) VALUES (?, ?, 'user', 'x', 't')",
    )
    .run(id, sessionId)

it('0006 keeps existing rows and logs nothing for them', () => {
  addSession('s1')
  addMessage('m1', 's1')
  const before = {
    sessions: db.prepare('SELECT * FROM sessions').all(),
    messages: db.prepare('SELECT * FROM messages').all(),
  }
  expect(migrate(db, { to: 6 })).toBe(6)
  expect(schemaVersion(db)).toBe(6)
  expect(db.prepare('SELECT * FROM sessions').all()).toEqual(before.sessions)
  expect(db.prepare('SELECT * FROM messages').all()).toEqual(before.messages)
  expect(logged()).toEqual([])
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
})

it('0006 logs the session of every session and message change, one row per session delete', () => {
  migrate(db, { to: 6 })
  addSession('s1')
  addSession('s2')
  addMessage('m1', 's1')
  addMessage('m2', 's2')
  expect(logged()).toEqual(['s1', 's2', 's1', 's2'])
  clearLog()

  db.prepare("UPDATE sessions SET title = 'Renamed' WHERE id = 's1'").run()
  db.prepare("UPDATE sessions SET archived = 1 WHERE id = 's2'").run()
  db.prepare("UPDATE messages SET content = 'y' WHERE id = 'm1'").run()
  db.prepare("DELETE FROM messages WHERE id = 'm1'").run()
  expect(logged()).toEqual(['s1', 's2', 's1', 's1'])
  clearLog()

  for (let i = 0; i < 20; i += 1) addMessage(`x${i}`, 's2')
  clearLog()
  // The cascade removes 21 messages; only the session's own row is logged.
  db.prepare("DELETE FROM sessions WHERE id = 's2'").run()
  expect(logged()).toEqual(['s2'])
})

it('0006 keeps the log short: old rows are trimmed, the newest kept in order', () => {
  migrate(db, { to: 6 })
  addSession('s1')
  const rename = db.prepare("UPDATE sessions SET title = ? WHERE id = 's1'")
  db.transaction(() => {
    for (let i = 0; i < 3000; i += 1) rename.run(`t${i}`)
  })()
  const count = db.prepare('SELECT count(*) FROM session_changes').pluck().get() as number
  expect(count).toBeGreaterThanOrEqual(1024)
  expect(count).toBeLessThanOrEqual(1024 + 256)
  const seqs = db.prepare('SELECT seq FROM session_changes ORDER BY seq').pluck().all() as number[]
  expect(seqs.at(-1)).toBe(3001)
  expect(seqs.every((seq, i) => i === 0 || seq === seqs[i - 1]! + 1)).toBe(true)
})
