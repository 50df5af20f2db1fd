import { MirrorError } from '../../shared/errors'
import { IV_LENGTH, KEY_LENGTH, TAG_LENGTH } from '../crypto/envelope'
import { KDF_NAME, MAX_ITERATIONS, MIN_ITERATIONS, SALT_LENGTH } from '../crypto/kdf'
import { KEY_CHECK_LENGTH } from '../crypto/keyWrap'
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
  const sizes: Array<[Buffer, number]> = [
    [row.kdf_salt, SALT_LENGTH],
    [row.wrap_iv, IV_LENGTH],
    [row.wrap_ciphertext, KEY_LENGTH],
    [row.wrap_tag, TAG_LENGTH],
    [row.key_check, KEY_CHECK_LENGTH],
  ]
  // Damage that can be seen without the password is named as such; GCM cannot tell a flipped
  // byte of the wrapped key from a wrong password, so that one stays VAULT_BAD_PASSWORD.
  if (
    sizes.some(([bytes, size]) => !Buffer.isBuffer(bytes) || bytes.length !== size) ||
    !Number.isSafeInteger(row.kdf_iterations) ||
    row.kdf_iterations < MIN_ITERATIONS ||
    row.kdf_iterations > MAX_ITERATIONS
  ) {
    throw new MirrorError(
      'VAULT_CORRUPT',
      'The vault key section is damaged (a field has the wrong size); entries cannot be opened.',
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
