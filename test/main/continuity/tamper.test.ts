import Database from 'better-sqlite3-multiple-ciphers'
import type { Database as Db } from 'better-sqlite3-multiple-ciphers'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { canonicalJson, entryHash } from '../../../src/main/continuity/chain'
import type { ContinuityLog } from '../../../src/main/continuity/continuityLog'
import { fill, logFile, openLog } from './helpers/logs'
import { tempDir } from './helpers/temp'

/**
 * Tampering done the way an attacker (or a careless tool) would: straight in continuity.db with
 * better-sqlite3, while the app's log is closed. verify() must name the first broken entry.
 */

const COUNT = 10
let dir: string
let cleanup: () => void
let log: ContinuityLog

beforeEach(async () => {
  ;({ dir, cleanup } = tempDir())
  log = openLog(dir)
  await fill(log, COUNT)
  expect(await log.verify()).toMatchObject({ ok: true, count: COUNT })
  await log.close()
})
afterEach(async () => {
  await log.close()
  cleanup()
})

function tamper(fn: (db: Db) => void): void {
  const db = new Database(logFile(dir))
  try {
    fn(db)
  } finally {
    db.close()
  }
}

interface Row {
  seq: number
  id: string
  at: string
  type: string
  subject: string | null
  data: string
  prev_hash: string
  hash: string
}

const row = (db: Db, seq: number): Row =>
  db.prepare('SELECT * FROM continuity_entries WHERE seq = ?').get(seq) as Row

const rehash = (r: Row): string =>
  entryHash({ ...r, data: JSON.parse(r.data) as Record<string, unknown>, prevHash: r.prev_hash })

async function verifyAfter(
  fn: (db: Db) => void,
): Promise<Awaited<ReturnType<ContinuityLog['verify']>>> {
  tamper(fn)
  log = openLog(dir)
  return log.verify()
}

describe('verify() after direct edits of continuity.db', () => {
  it.each([
    [
      'data',
      (db: Db) =>
        db
          .prepare('UPDATE continuity_entries SET data = ? WHERE seq = 4')
          .run(canonicalJson({ title: 'forged' })),
    ],
    [
      'type',
      (db: Db) =>
        db.prepare("UPDATE continuity_entries SET type = 'session.deleted' WHERE seq = 4").run(),
    ],
    [
      'at',
      (db: Db) =>
        db
          .prepare("UPDATE continuity_entries SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 4")
          .run(),
    ],
    [
      'subject',
      (db: Db) => db.prepare("UPDATE continuity_entries SET subject = 'other' WHERE seq = 4").run(),
    ],
  ])('an edited %s is reported at that entry', async (_, edit) => {
    const result = await verifyAfter(edit)
    expect(result).toMatchObject({ ok: false, count: COUNT, firstBroken: { seq: 4 } })
    expect(result.firstBroken!.reason).toMatch(/edited/)
  })

  it('an edit whose hash was recomputed is caught by the next entry', async () => {
    const result = await verifyAfter((db) => {
      const r = row(db, 4)
      const data = canonicalJson({ format: 'json', messageCount: 999 })
      const forged = { ...r, data }
      db.prepare('UPDATE continuity_entries SET data = ?, hash = ? WHERE seq = 4').run(
        data,
        rehash(forged),
      )
    })
    expect(result).toMatchObject({ ok: false, firstBroken: { seq: 5 } })
    expect(result.firstBroken!.reason).toMatch(/prevHash does not match entry 4/)
  })

  it('a deleted middle entry is reported at the entry after the gap', async () => {
    const result = await verifyAfter((db) =>
      db.prepare('DELETE FROM continuity_entries WHERE seq = 6').run(),
    )
    expect(result).toMatchObject({ ok: false, count: COUNT - 1, firstBroken: { seq: 7 } })
    expect(result.firstBroken!.reason).toMatch(/seq 5 is followed by 7/)
  })

  it('a deleted middle entry with the later ones renumbered is still caught', async () => {
    const result = await verifyAfter((db) => {
      db.prepare('DELETE FROM continuity_entries WHERE seq = 6').run()
      for (let seq = 7; seq <= COUNT; seq++) {
        db.prepare('UPDATE continuity_entries SET seq = ? WHERE seq = ?').run(seq - 1, seq)
      }
    })
    expect(result).toMatchObject({ ok: false, firstBroken: { seq: 6 } })
  })

  it('deleted first entries are reported at the new first entry', async () => {
    const result = await verifyAfter((db) =>
      db.prepare('DELETE FROM continuity_entries WHERE seq <= 2').run(),
    )
    expect(result).toMatchObject({ ok: false, firstBroken: { seq: 3 } })
    expect(result.firstBroken!.reason).toMatch(/does not start at seq 1/)
  })

  it('two entries with swapped seq are reported at the first of them', async () => {
    const result = await verifyAfter((db) => {
      db.prepare('UPDATE continuity_entries SET seq = -1 WHERE seq = 3').run()
      db.prepare('UPDATE continuity_entries SET seq = 3 WHERE seq = 8').run()
      db.prepare('UPDATE continuity_entries SET seq = 8 WHERE seq = -1').run()
    })
    expect(result).toMatchObject({ ok: false, firstBroken: { seq: 3 } })
  })

  it('two entries with swapped contents (seq kept) are reported at the first of them', async () => {
    const result = await verifyAfter((db) => {
      const a = row(db, 3)
      const b = row(db, 8)
      const put = db.prepare(
        'UPDATE continuity_entries SET id = @id, at = @at, type = @type, subject = @subject, data = @data, prev_hash = @prev_hash, hash = @hash WHERE seq = @seq',
      )
      put.run({ ...a, id: 'tmp', seq: 3 })
      put.run({ ...a, seq: 8 })
      put.run({ ...b, seq: 3 })
    })
    expect(result).toMatchObject({ ok: false, firstBroken: { seq: 3 } })
  })

  it('a forged entry inserted in the middle (hashed and linked correctly) breaks the next one', async () => {
    const result = await verifyAfter((db) => {
      // Make room at seq 5, highest first so the primary key never collides.
      for (let seq = COUNT; seq >= 5; seq--) {
        db.prepare('UPDATE continuity_entries SET seq = ? WHERE seq = ?').run(seq + 1, seq)
      }
      const previous = row(db, 4)
      const fields = {
        seq: 5,
        id: 'forged-id',
        at: '2025-03-01T10:00:04.500Z',
        type: 'session.deleted',
        subject: 'session_1',
        data: { title: 'Evidence', messageCount: 3 },
        prevHash: previous.hash,
      }
      db.prepare(
        'INSERT INTO continuity_entries (seq, id, at, type, subject, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(
        5,
        fields.id,
        fields.at,
        fields.type,
        fields.subject,
        canonicalJson(fields.data),
        fields.prevHash,
        entryHash(fields),
      )
    })
    expect(result).toMatchObject({ ok: false, count: COUNT + 1, firstBroken: { seq: 6 } })
  })

  it('a forged entry with a made-up hash appended at the end is reported', async () => {
    const result = await verifyAfter((db) => {
      const last = row(db, COUNT)
      db.prepare(
        'INSERT INTO continuity_entries (seq, id, at, type, subject, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(
        COUNT + 1,
        'forged',
        last.at,
        'session.created',
        null,
        '{"title":"x"}',
        last.hash,
        'f'.repeat(64),
      )
    })
    expect(result).toMatchObject({ ok: false, firstBroken: { seq: COUNT + 1 } })
  })

  it('data that is no longer JSON is reported', async () => {
    const result = await verifyAfter((db) =>
      db.prepare("UPDATE continuity_entries SET data = '{oops' WHERE seq = 2").run(),
    )
    expect(result).toMatchObject({
      ok: false,
      firstBroken: { seq: 2, reason: 'its data is not a JSON object' },
    })
  })

  it('an untouched log still verifies after being opened by another connection', async () => {
    const result = await verifyAfter((db) =>
      db.prepare('SELECT count(*) FROM continuity_entries').get(),
    )
    expect(result).toMatchObject({ ok: true, count: COUNT })
  })
})
