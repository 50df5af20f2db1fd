import { MirrorError } from '../../shared/errors'
import { decryptRecord, encryptRecord } from '../crypto/records'
import type { RecordPlaintext } from './recordFormat'
import { RecordPlaintextSchema } from './recordFormat'
import type { StoredRecord } from './recordStore'

/** Seals a record plaintext under the DEK with a fresh IV, ready for the store. */
export function sealRecord(
  dek: Buffer,
  id: string,
  plain: RecordPlaintext,
  updatedAt: string,
): StoredRecord {
  return { id, kind: plain.kind, updatedAt, ...encryptRecord(dek, id, plain) }
}

/** Decrypts and validates a record; any failure is VAULT_CORRUPT naming only the record id. */
export function openRecord(dek: Buffer, record: StoredRecord): RecordPlaintext {
  let parsed: unknown
  try {
    parsed = decryptRecord(dek, record.id, record)
  } catch {
    throw new MirrorError(
      'VAULT_CORRUPT',
      `Vault record ${record.id} failed its integrity check; it may have been altered.`,
      { recordId: record.id },
    )
  }
  const result = RecordPlaintextSchema.safeParse(parsed)
  if (!result.success || result.data.kind !== record.kind) {
    throw new MirrorError(
      'VAULT_CORRUPT',
      `Vault record ${record.id} does not hold a valid entry.`,
      {
        recordId: record.id,
      },
    )
  }
  return result.data
}
