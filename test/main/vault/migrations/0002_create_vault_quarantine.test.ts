import Database from 'better-sqlite3-multiple-ciphers'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { runMigrations } from '../../../../src/main/sqlite/migrate'
import { VAULT_MIGRATIONS } from '../../../../src/main/vault/vaultMigrations'
import { openVaultStore } from '../../../../src/main/vault/vaultStore'
import { tempDir } from '../helpers/vaultFixture'

let dir: string
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

it('0002 adds the quarantine to a version 1 vault and leaves its records alone', async () => {
  dir = tempDir()
  const db = new Database(path.join(dir, 'vault.db'))
  runMigrations(db, VAULT_MIGRATIONS, { to: 1 })
  db.prepare(
    `INSERT INTO vault_records (id, kind, iv, ciphertext, tag, updated_at)
     VALUES ('entry:old', 'entry', ?, ?, ?, '2025-01-01T00:00:00.000Z')`,
  ).run(Buffer.alloc(12, 1), Buffer.alloc(30, 2), Buffer.alloc(16, 3))
  db.close()

  const store = openVaultStore(dir)
  const [old] = await store.listRecords()
  expect(old).toMatchObject({ id: 'entry:old', ciphertext: Buffer.alloc(30, 2) })
  // A record rewritten since it was read (another IV) is not moved; the one read is.
  expect(
    await store.quarantineRecords(
      [{ record: { ...old!, iv: Buffer.alloc(12, 9) }, reason: 'integrity' }],
      'now',
    ),
  ).toBe(0)
  expect(await store.quarantineRecords([{ record: old!, reason: 'integrity' }], 'now')).toBe(1)
  expect(await store.listRecords()).toEqual([])
  await store.close()

  const after = new Database(path.join(dir, 'vault.db'), { readonly: true })
  expect(after.pragma('user_version', { simple: true })).toBe(2)
  expect(
    after
      .prepare('SELECT id, kind, ciphertext, reason, quarantined_at FROM vault_quarantine')
      .all(),
  ).toEqual([
    {
      id: 'entry:old',
      kind: 'entry',
      ciphertext: Buffer.alloc(30, 2),
      reason: 'integrity',
      quarantined_at: 'now',
    },
  ])
  after.close()
})
