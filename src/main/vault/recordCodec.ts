import { DecryptError, IV_LENGTH, TAG_LENGTH } from '../crypto/envelope'
import { decryptRecord, encryptRecord } from '../crypto/records'
import type { VaultDamageReason } from '../../shared/vault'
import type { RecordPlaintext } from './recordFormat'
import { messageRecordId, RecordPlaintextSchema } from './recordFormat'
import { RECORD_KINDS } from './recordStore'
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

export type OpenedRecord =
  { ok: true; plain: RecordPlaintext } | { ok: false; reason: VaultDamageReason }

/** The row cannot even be tried: an unknown kind, or fields that are not an IV, tag and bytes. */
function isBrokenRow(record: StoredRecord): boolean {
  return (
    !(RECORD_KINDS as readonly string[]).includes(record.kind) ||
    !Buffer.isBuffer(record.iv) ||
    !Buffer.isBuffer(record.ciphertext) ||
    !Buffer.isBuffer(record.tag) ||
    record.iv.length !== IV_LENGTH ||
    record.tag.length !== TAG_LENGTH
  )
}

/**
 * Decrypts and validates one record. A damaged record is a result, not an exception, so one bad
 * record never stops the others from being read (see docs/vault.md, "Damaged records").
 */
export function openRecord(dek: Buffer, record: StoredRecord): OpenedRecord {
  if (isBrokenRow(record)) return { ok: false, reason: 'brokenRow' }
  let parsed: unknown
  try {
    parsed = decryptRecord(dek, record.id, record)
  } catch (error) {
    // GCM cannot tell an altered tag, a truncated ciphertext and a record moved to another id apart.
    return { ok: false, reason: error instanceof DecryptError ? 'integrity' : 'notJson' }
  }
  const result = RecordPlaintextSchema.safeParse(parsed)
  if (!result.success || result.data.kind !== record.kind)
    return { ok: false, reason: 'wrongShape' }
  const plain = result.data
  if (plain.kind === 'message' && record.id !== messageRecordId(plain.messageId)) {
    return { ok: false, reason: 'wrongShape' }
  }
  return { ok: true, plain }
}
