import Database from 'better-sqlite3-multiple-ciphers'
import fs from 'node:fs'
import path from 'node:path'
import { encrypt } from '../../../../src/main/crypto/envelope'
import { recordAad } from '../../../../src/main/crypto/records'
import { wipe } from '../../../../src/main/crypto/wipe'
import { unwrapWithPassword } from '../../../../src/main/vault/vaultKeys'
import { openVaultStore } from '../../../../src/main/vault/vaultStore'

export interface RecordRow {
  id: string
  kind: string
  iv: Buffer
  ciphertext: Buffer
  tag: Buffer
}

/** vault.db of a data dir: at its top level (SQLite storage) or in .activemirror/ (JSON storage). */
export function vaultFile(dir: string): string {
  const nested = path.join(dir, '.activemirror', 'vault.db')
  return fs.existsSync(nested) ? nested : path.join(dir, 'vault.db')
}

/** Runs `edit` on the vault file through a separate SQLite connection (like another program). */
export function editVault<T>(file: string, edit: (db: Database.Database) => T): T {
  const db = new Database(file)
  try {
    return edit(db)
  } finally {
    db.close()
  }
}

export function recordRows(file: string): RecordRow[] {
  return editVault(file, (db) =>
    db.prepare('SELECT id, kind, iv, ciphertext, tag FROM vault_records ORDER BY rowid').all(),
  ) as RecordRow[]
}

export function updateRecord(file: string, id: string, fields: Partial<RecordRow>): void {
  editVault(file, (db) => {
    const sets = Object.keys(fields).map((k) => `${k} = @${k}`)
    const changed = db
      .prepare(`UPDATE vault_records SET ${sets.join(', ')} WHERE id = @id`)
      .run({ ...fields, id }).changes
    if (changed !== 1) throw new Error(`no record ${id}`)
  })
}

const flip = (bytes: Buffer, at: number): Buffer => {
  const copy = Buffer.from(bytes)
  copy[at] = copy[at]! ^ 0xff
  return copy
}

/**
 * Seals `plaintext` bytes under the vault's real data key at record `id`: a record that passes
 * its integrity check but holds something the vault never wrote.
 */
async function sealWithVaultKey(file: string, password: string, id: string, plaintext: Buffer) {
  const store = openVaultStore(path.dirname(file))
  try {
    const meta = (await store.readMeta())!
    const dek = (await unwrapWithPassword(meta.kdf, meta.wrappedKey, password, null))!
    try {
      return encrypt(dek, plaintext, recordAad(id))
    } finally {
      wipe(dek)
    }
  } finally {
    await store.close()
  }
}

export type Damage = (file: string, target: RecordRow, other: RecordRow) => Promise<void> | void

/** Each way a stored record can be damaged, and the reason `vault check` gives for it. */
export function damages(password: string): Array<{ name: string; reason: string; damage: Damage }> {
  return [
    {
      name: 'bad tag',
      reason: 'integrity',
      damage: (file, t) => updateRecord(file, t.id, { tag: flip(t.tag, 3) }),
    },
    {
      name: 'truncated ciphertext',
      reason: 'integrity',
      damage: (file, t) =>
        updateRecord(file, t.id, { ciphertext: t.ciphertext.subarray(0, t.ciphertext.length - 7) }),
    },
    {
      name: "another record's ciphertext (wrong AAD)",
      reason: 'integrity',
      damage: (file, t, o) =>
        updateRecord(file, t.id, { iv: o.iv, ciphertext: o.ciphertext, tag: o.tag }),
    },
    {
      name: 'IV of the wrong size (broken row)',
      reason: 'brokenRow',
      damage: (file, t) => updateRecord(file, t.id, { iv: t.iv.subarray(0, 5) }),
    },
    {
      name: 'undecodable JSON',
      reason: 'notJson',
      damage: async (file, t) =>
        updateRecord(
          file,
          t.id,
          await sealWithVaultKey(file, password, t.id, Buffer.from('{"kind":"entry",', 'utf8')),
        ),
    },
    {
      name: 'JSON of the wrong shape',
      reason: 'wrongShape',
      damage: async (file, t) =>
        updateRecord(
          file,
          t.id,
          await sealWithVaultKey(
            file,
            password,
            t.id,
            Buffer.from(JSON.stringify({ kind: t.kind, key: 42, content: null }), 'utf8'),
          ),
        ),
    },
  ]
}

/** A row SQLite's CHECK would refuse (unknown kind), written with the check switched off. */
export function insertUnknownKindRow(file: string, id: string): void {
  editVault(file, (db) => {
    db.pragma('ignore_check_constraints = ON')
    db.prepare(
      `INSERT INTO vault_records (id, kind, iv, ciphertext, tag, updated_at)
       VALUES (?, 'note', ?, ?, ?, '2025-03-01T09:00:00.000Z')`,
    ).run(id, Buffer.alloc(12, 1), Buffer.alloc(40, 2), Buffer.alloc(16, 3))
  })
}
