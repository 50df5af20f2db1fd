import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, afterEach, expect, it, vi } from 'vitest'
import { MIN_ITERATIONS } from '../../src/main/crypto/kdf'
import { createMirror } from '../../src/main/mirror'
import type { Mirror } from '../../src/main/mirrorApi'
import { readBackupRecords } from '../../src/main/backup/backupReader'
import { isMirrorError } from '../../src/shared/errors'
import { pngBytes } from './attachments/fixtures'
import { filesUnder, sendFiles } from './attachments/helpers'
import { describePostgres, useTestDatabase } from './storage/helpers/postgresDb'

vi.setConfig({ testTimeout: 60_000 })

const PASSWORD = 'pg-attachments-password-8c1'
const MARKER = 'pg-sealed-marker-5ad3e1-never-plain'

// Two "machines": two data dirs sharing one PostgreSQL database for the history.
describePostgres('attachment bytes on PostgreSQL', () => {
  const url = useTestDatabase()
  const dirs: string[] = []
  const open: Mirror[] = []
  const machine = async (): Promise<{ dir: string; mirror: Mirror }> => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amos-pg-files-'))
    dirs.push(dir)
    const mirror = await createMirror({
      dataDir: dir,
      storage: 'postgres',
      databaseUrl: url(),
      vault: { keychainService: `ActiveMirror-test-${randomUUID()}`, iterations: MIN_ITERATIONS },
    })
    open.push(mirror)
    return { dir, mirror }
  }
  afterEach(async () => {
    for (const m of open.splice(0)) await m.close()
  })
  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
  })

  async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []) {
    const client = new pg.Client({ connectionString: url() })
    await client.connect()
    try {
      return (await client.query<T>(text, values)).rows
    } finally {
      await client.end()
    }
  }

  it('a second data dir reads the bytes another one stored; sealed ones stay sealed', async () => {
    const home = await machine()
    const work = await machine()
    await home.mirror.vault.init(PASSWORD)
    const session = await home.mirror.sessions.create({ title: 'Shared files' })
    const png = pngBytes(21)
    const plain = await sendFiles(home.mirror, session.id, 'the chart', { 'chart.png': png })
    const secret = Buffer.from(`${MARKER}\n`)
    const sensitive = await sendFiles(
      home.mirror,
      session.id,
      'private',
      { 'private.txt': secret },
      { sensitive: true },
    )
    const pngId = plain.attachments![0]!.id
    const sealedId = sensitive.attachments![0]!.id

    // The other machine has no file of its own yet; it reads the bytes from the database.
    expect(filesUnder(path.join(work.dir, 'attachments'))).toEqual([])
    const stored = await work.mirror.storage.getMessage(plain.id)
    expect(stored.attachments).toEqual(plain.attachments)
    expect(await work.mirror.attachments.read(pngId)).toEqual(png)
    // …and keeps them as a cache.
    expect(filesUnder(path.join(work.dir, 'attachments'))).toEqual([
      path.join(pngId.slice(0, 2), pngId),
    ])

    const rows = await sql<{ id: string; sealed: boolean; bytes: Buffer }>(
      'SELECT id, sealed, bytes FROM attachment_blobs ORDER BY id',
    )
    expect(rows.map((r) => [r.id, r.sealed])).toEqual([
      [pngId, false],
      [sealedId, true],
    ])
    const sealedRow = rows[1]!.bytes
    for (const form of [
      secret,
      Buffer.from(secret.toString('base64')),
      Buffer.from(secret.toString('hex')),
    ]) {
      expect(sealedRow.includes(form)).toBe(false)
    }
    expect(sealedRow.subarray(0, 5).toString('ascii')).toBe('AMAS1')
    // Its own vault opens it; the other machine, without that vault, cannot.
    expect(await home.mirror.attachments.read(sealedId)).toEqual(secret)
    const refused = await work.mirror.attachments.read(sealedId).catch((e: unknown) => e)
    expect(isMirrorError(refused) && refused.code.startsWith('VAULT_')).toBe(true)
  })

  it('a clean-up removes the database copy once no machine’s message refers to it', async () => {
    const home = await machine()
    const work = await machine()
    const png = pngBytes(33)
    const shared = pngBytes(34)
    const a = await home.mirror.sessions.create({ title: 'to delete' })
    const sent = await sendFiles(home.mirror, a.id, 'two pictures', {
      'gone.png': png,
      'kept.png': shared,
    })
    const b = await work.mirror.sessions.create({ title: 'keeps one' })
    await sendFiles(work.mirror, b.id, 'same picture', { 'kept-too.png': shared })
    const [goneId, keptId] = sent.attachments!.map((r) => r.id)
    // As if the sends were minutes ago: out of the grace period that protects sends in flight.
    await sql("UPDATE attachment_blobs SET touched_at = now() - interval '1 hour'")
    await home.mirror.sessions.delete(a.id)
    const left = await sql<{ id: string }>(
      'SELECT id FROM attachment_blobs WHERE id = ANY($1) ORDER BY id',
      [[goneId, keptId]],
    )
    expect(left.map((r) => r.id)).toEqual([keptId])
    expect(await work.mirror.attachments.read(keptId!)).toEqual(shared)
    const gone = await work.mirror.attachments.read(goneId!).catch((e: unknown) => e)
    expect(isMirrorError(gone) && gone.code).toBe('NOT_FOUND')
  })

  it('a full backup made on one machine holds the files another machine stored', async () => {
    const home = await machine()
    const work = await machine()
    const png = pngBytes(45)
    const session = await home.mirror.sessions.create({ title: 'Backed up elsewhere' })
    const sent = await sendFiles(home.mirror, session.id, 'picture', { 'elsewhere.png': png })
    const id = sent.attachments![0]!.id
    expect(filesUnder(path.join(work.dir, 'attachments'))).toEqual([])
    await work.mirror.vault.init(PASSWORD)
    const out = path.join(work.dir, 'backups')
    fs.mkdirSync(out)
    const created = await work.mirror.backup.create({ folder: out })
    const ids: string[] = []
    for await (const r of readBackupRecords(created.file, PASSWORD)) {
      if (r.type === 'attachment') ids.push(r.id)
    }
    expect(ids).toContain(id)
    // Restored into a data dir of its own (SQLite), the file reads back.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amos-pg-restore-'))
    dirs.push(dir)
    const local = await createMirror({
      dataDir: dir,
      vault: { keychainService: `ActiveMirror-test-${randomUUID()}`, iterations: MIN_ITERATIONS },
    })
    open.push(local)
    await local.backup.restore(created.file, PASSWORD)
    expect(await local.attachments.read(id)).toEqual(png)
  })
})
