import { MirrorError } from '../../shared/errors'
import { KDF_NAME } from '../crypto/kdf'
import type { RecordKind, StoredRecord, VaultMeta } from './recordStore'

/** `vault_meta` and `vault_records` rows as SQLite returns them, and their domain forms. */
export interface MetaRow {
  vault_id: string
  kdf_name: string
  kdf_iterations: number
  kdf_salt: Buffer
  wrap_iv: Buffer
  wrap_ciphertext: Buffer
  wrap_tag: Buffer
  key_check: Buffer
  created_at: string
}

export interface RecordRow {
  id: string
  kind: RecordKind
  iv: Buffer
  ciphertext: Buffer
  tag: Buffer
  updated_at: string
}

export function toMeta(row: MetaRow): VaultMeta {
  if (row.kdf_name !== KDF_NAME) {
    throw new MirrorError(
      'VAULT_CORRUPT',
      `The vault uses an unknown key derivation (${row.kdf_name}).`,
    )
  }
  return {
    vaultId: row.vault_id,
    kdf: { name: KDF_NAME, iterations: row.kdf_iterations, salt: row.kdf_salt },
    wrappedKey: { iv: row.wrap_iv, ciphertext: row.wrap_ciphertext, tag: row.wrap_tag },
    keyCheck: row.key_check,
    createdAt: row.created_at,
  }
}

export function toRecord(row: RecordRow): StoredRecord {
  return {
    id: row.id,
    kind: row.kind,
    iv: row.iv,
    ciphertext: row.ciphertext,
    tag: row.tag,
    updatedAt: row.updated_at,
  }
}
