import { decrypt, encrypt } from './envelope'
import type { Sealed } from './envelope'

export const RECORD_AAD_PREFIX = 'activemirror.vault-entry.v1:'

/** AAD = ASCII prefix + record id: a ciphertext only opens under the id it was sealed for. */
export function recordAad(recordId: string): Buffer {
  return Buffer.from(RECORD_AAD_PREFIX + recordId, 'utf8')
}

/** Seals a record's UTF-8 JSON plaintext under the DEK with a fresh IV. */
export function encryptRecord(dek: Uint8Array, recordId: string, plaintext: unknown): Sealed {
  const bytes = Buffer.from(JSON.stringify(plaintext), 'utf8')
  try {
    return encrypt(dek, bytes, recordAad(recordId))
  } finally {
    bytes.fill(0)
  }
}

/** Opens a record and parses its JSON; DecryptError when the tag, key or id does not match. */
export function decryptRecord(dek: Uint8Array, recordId: string, sealed: Sealed): unknown {
  const bytes = decrypt(dek, sealed, recordAad(recordId))
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown
  } finally {
    bytes.fill(0)
  }
}
