import pg from 'pg'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { PG_LATEST_VERSION } from '../../../../src/main/storage/postgres/migrations'
import { CHANGE_CHANNEL } from '../../../../src/main/storage/postgres/migrations/0002_change_notify'
import { migratePostgres } from '../../../../src/main/storage/postgres/pgMigrate'
import { PgPool, rows } from '../../../../src/main/storage/postgres/pgPool'
import { openPostgresStorage } from '../../../../src/main/storage/postgres/postgresStorage'
import { describePostgres, uniqueName, useTestDatabase } from '../helpers/postgresDb'
import { expectMirrorError, makeMessage, makeSession } from '../helpers/fixtures'

describePostgres('PostgreSQL migrations', () => {
  const url = useTestDatabase()
  let schema: string
  let db: PgPool

  beforeEach(() => {
    schema = uniqueName('m')
    db = new PgPool({ url: url(), schema })
  })
  afterEach(async () => {
    await db.read((q) => q.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`))
    await db.close()
  })

  const columns = (table: string): Promise<string[]> =>
    db.read(async (q) =>
      (
        await rows<{ c: string }>(
          q,
          `SELECT column_name AS c FROM information_schema.columns
           WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
          [schema, table],
        )
      ).map((r) => r.c),
    )

  it('0001 creates the tables; the trigger keeps per-session search totals in step', async () => {
    expect(await migratePostgres(db, 1)).toBe(1)
    expect(await columns('messages')).toContain('search_words')
    expect(await columns('sessions')).toContain('indexed_words')
    await db.write(async (tx) => {
      await tx.query(
        "INSERT INTO sessions (id, title, title_folded, created_at, updated_at) VALUES ('s', 'S', 's', 'a', 'a')",
      )
      await tx.query(`INSERT INTO messages (id, session_id, role, content, created_at, search_words, word_count)
        VALUES ('m1', 's', 'user', 'two words', 'a', array_to_tsvector('{two,words}'), 2),
               ('m2', 's', 'user', 'hidden', 'a', NULL, 0)`)
      await tx.query("UPDATE messages SET sensitive = true WHERE id = 'm2'")
      await tx.query(`INSERT INTO messages (id, session_id, role, content, created_at, sensitive)
        VALUES ('m3', 's', 'user', 'secret', 'a', true)`)
    })
    const totals = await db.read((q) =>
      rows(q, "SELECT indexed_messages, indexed_words::int AS w FROM sessions WHERE id = 's'"),
    )
    expect(totals).toEqual([{ indexed_messages: 1, w: 2 }])
    // A sensitive message can never carry search words.
    await expect(
      db.write((tx) =>
        tx.query("UPDATE messages SET search_words = array_to_tsvector('{x}') WHERE id = 'm3'"),
      ),
    ).rejects.toThrow(/check constraint/)
  })

  it('0003 keeps existing messages, with no attachments; the clean-up finds referenced ones', async () => {
    await migratePostgres(db, 2)
    await db.write(async (tx) => {
      await tx.query(
        "INSERT INTO sessions (id, title, title_folded, created_at, updated_at) VALUES ('s', 'S', 's', 'a', 'a')",
      )
      await tx.query(
        "INSERT INTO messages (id, session_id, role, content, created_at) VALUES ('old', 's', 'user', 'x', 'a')",
      )
    })
    expect(await migratePostgres(db, 3)).toBe(3)
    expect(await columns('messages')).toContain('attachments')
    await db.write((tx) =>
      tx.query(
        `INSERT INTO messages (id, session_id, role, content, created_at, attachments)
         VALUES ('new', 's', 'user', 'y', 'b', '[{"id":"a1"},{"id":"a2"}]')`,
      ),
    )
    const found = await db.read((q) =>
      rows<{ id: string | null }>(q, "SELECT attachments AS id FROM messages WHERE id = 'old'"),
    )
    expect(found).toEqual([{ id: null }])
    const storage = await openPostgresStorage({ url: url(), schema, maxConnections: 2 })
    expect(await storage.referencedAttachments!(['a2', 'a3'])).toEqual(new Set(['a2']))
    await storage.close()
  })

  it('0004 adds attachment_blobs; GC removes only old rows that no message lists', async () => {
    await migratePostgres(db, 3)
    await db.write(async (tx) => {
      await tx.query(
        "INSERT INTO sessions (id, title, title_folded, created_at, updated_at) VALUES ('s', 'S', 's', 'a', 'a')",
      )
      await tx.query(
        `INSERT INTO messages (id, session_id, role, content, created_at, attachments)
         VALUES ('m', 's', 'user', 'x', 'a', '[{"id":"${'a'.repeat(64)}"}]')`,
      )
    })
    expect(await migratePostgres(db, 4)).toBe(4)
    expect(await columns('attachment_blobs')).toEqual(['id', 'bytes', 'sealed', 'touched_at'])
    // The sealed flag must agree with the id: a sealed file can never pass as plain bytes.
    await expect(
      db.write((tx) =>
        tx.query(
          "INSERT INTO attachment_blobs (id, bytes, sealed) VALUES ('sealed-x', '\\x00', false)",
        ),
      ),
    ).rejects.toThrow(/check constraint/)
    const storage = await openPostgresStorage({ url: url(), schema, maxConnections: 2 })
    const [kept, gone, fresh] = ['a', 'b', 'c'].map((c) => c.repeat(64))
    for (const id of [kept!, gone!, fresh!]) {
      await storage.putAttachmentBytes!(id, Buffer.from(`bytes of ${id.slice(0, 1)}`), false)
    }
    await db.write((tx) =>
      tx.query(
        "UPDATE attachment_blobs SET touched_at = now() - interval '1 hour' WHERE id = ANY($1)",
        [[kept, gone]],
      ),
    )
    expect(await storage.removeAttachmentBytes!([kept!, gone!, fresh!])).toEqual([gone])
    expect(await storage.getAttachmentBytes!(kept!)).toEqual(Buffer.from('bytes of a'))
    expect(await storage.hasAttachmentBytes!(gone!)).toBe(false)
    // Within the grace period another machine may be about to write the message that needs it.
    expect(await storage.hasAttachmentBytes!(fresh!)).toBe(true)
    await storage.close()
  })

  it('0002 keeps existing rows and notifies every committed change on the channel', async () => {
    await migratePostgres(db, 1)
    await db.write((tx) =>
      tx.query(
        "INSERT INTO sessions (id, title, title_folded, created_at, updated_at) VALUES ('old', 'Old', 'old', 'a', 'a')",
      ),
    )
    expect(await migratePostgres(db, 2)).toBe(2)
    const listener = new pg.Client({ connectionString: url() })
    await listener.connect()
    const heard: string[] = []
    listener.on('notification', (n) => heard.push(n.payload ?? ''))
    await listener.query(`LISTEN ${CHANGE_CHANNEL}`)
    await db.write(async (tx) => {
      await tx.query("UPDATE sessions SET title = 'Renamed' WHERE id = 'old'")
      await tx.query(
        "INSERT INTO messages (id, session_id, role, content, created_at) VALUES ('m', 'old', 'user', 'x', 'a')",
      )
      await tx.query(
        "INSERT INTO folders (id, name, name_key, created_at) VALUES ('f', 'F', 'f', 'a')",
      )
    })
    await expect.poll(() => heard.length).toBeGreaterThan(0)
    await listener.end()
    // Identical notices of one transaction are folded into one.
    expect(heard.sort()).toEqual([`${schema} `, `${schema} old`])
    expect(await db.read((q) => rows(q, 'SELECT id, title FROM sessions'))).toEqual([
      { id: 'old', title: 'Renamed' },
    ])
  })

  it('migrates to the latest version once, even when two apps start together', async () => {
    const other = new PgPool({ url: url(), schema })
    const both = await Promise.all([migratePostgres(db), migratePostgres(other)])
    await other.close()
    expect(both).toEqual([PG_LATEST_VERSION, PG_LATEST_VERSION])
    const applied = await db.read((q) =>
      rows(q, 'SELECT version FROM schema_migrations ORDER BY 1'),
    )
    expect(applied.map((r) => r.version)).toEqual(
      Array.from({ length: PG_LATEST_VERSION }, (_, i) => i + 1),
    )
  })

  it('refuses a database written by a newer ActiveMirror and leaves it untouched', async () => {
    await migratePostgres(db)
    await db.write((tx) =>
      tx.query("INSERT INTO schema_migrations (version, name) VALUES (99, 'from the future')"),
    )
    await expectMirrorError(openPostgresStorage({ url: url(), schema }), 'STORAGE_CORRUPT')
    const storage = await openPostgresStorage({ url: url(), schema: uniqueName('fresh') })
    const session = makeSession()
    await storage.createSession(session)
    await storage.appendMessage(makeMessage(session.id))
    expect((await storage.getSession(session.id)).messageCount).toBe(1)
    await storage.close()
  })
})
