import Database from 'better-sqlite3-multiple-ciphers'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openVaultStore } from '../../../src/main/vault/vaultStore'
import type { StoredRecord } from '../../../src/main/vault/recordStore'
import { tempDir } from './helpers/vaultFixture'

let dir: string
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

const record = (id: string, fill: number): StoredRecord => ({
  id,
  kind: 'entry',
  iv: Buffer.alloc(12, 1),
  ciphertext: Buffer.alloc(600, fill),
  tag: Buffer.alloc(16, 2),
  updatedAt: '2025-01-01T00:00:00.000Z',
})

describe('SQLite vault store', () => {
  it('creates vault.db owner-only, in WAL with secure_delete, with no plaintext columns', async () => {
    dir = tempDir()
    const store = openVaultStore(dir)
    const file = path.join(dir, 'vault.db')
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    const db = new Database(file, { readonly: true })
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('user_version', { simple: true })).toBe(2)
    const columns = db.prepare("SELECT name FROM pragma_table_info('vault_records')").pluck().all()
    expect(columns).toEqual(['id', 'kind', 'iv', 'ciphertext', 'tag', 'updated_at'])
    expect(
      db
        .prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL")
        .pluck()
        .get(),
    ).toBe(0)
    db.close()
    await store.close()
  })

  it('zeroes the pages of deleted records (secure_delete)', async () => {
    dir = tempDir()
    const store = openVaultStore(dir)
    await store.putRecords([record('a', 0xab), record('b', 0x11)])
    await store.deleteRecords(['a'])
    await store.close() // checkpoints the WAL into vault.db
    const bytes = fs.readFileSync(path.join(dir, 'vault.db'))
    expect(bytes.includes(Buffer.alloc(600, 0xab))).toBe(false)
    expect(bytes.includes(Buffer.alloc(600, 0x11))).toBe(true)
  })

  it('puts records atomically and reads them back', async () => {
    dir = tempDir()
    const store = openVaultStore(dir)
    await store.putRecords([record('x', 3)])
    await expect(
      store.putRecords([record('y', 4), { ...record('z', 5), kind: 'bogus' as never }]),
    ).rejects.toThrow()
    expect((await store.listRecords()).map((r) => r.id)).toEqual(['x'])
    expect(await store.countRecords('entry')).toBe(1)
    expect((await store.getRecord('x'))?.ciphertext.equals(Buffer.alloc(600, 3))).toBe(true)
    await store.close()
  })

  it('refuses a vault file written by a newer version, unchanged', async () => {
    dir = tempDir()
    await openVaultStore(dir).close()
    const file = path.join(dir, 'vault.db')
    const db = new Database(file)
    db.pragma('user_version = 9')
    db.close()
    const before = fs.readFileSync(file)
    expect(() => openVaultStore(dir)).toThrow(/newer ActiveMirror/)
    expect(fs.readFileSync(file).equals(before)).toBe(true)
  })
})
