import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { decrypt, encrypt, KEY_LENGTH } from './envelope'
import type { Sealed } from './envelope'
import { privateCopy, wipe } from './wipe'

export const KEY_WRAP_AAD = Buffer.from('activemirror.vault-key.v1', 'ascii')
const KEY_CHECK_LABEL = 'activemirror.vault-key-check.v1'
/** HMAC-SHA256 output size. */
export const KEY_CHECK_LENGTH = 32

/** A new random data key (DEK) in its own allocation, ready to be wiped. */
export function newDataKey(): Buffer {
  const random = randomBytes(KEY_LENGTH)
  const key = privateCopy(random)
  wipe(random)
  return key
}

export function wrapKey(kek: Uint8Array, dek: Uint8Array): Sealed {
  if (dek.length !== KEY_LENGTH) throw new Error(`The data key must be ${KEY_LENGTH} bytes`)
  return encrypt(kek, dek, KEY_WRAP_AAD)
}

/** Throws DecryptError for a wrong KEK (wrong password) or an altered wrapped key. */
export function unwrapKey(kek: Uint8Array, wrapped: Sealed): Buffer {
  const plain = decrypt(kek, wrapped, KEY_WRAP_AAD)
  try {
    if (plain.length !== KEY_LENGTH) throw new Error(`The unwrapped key is not ${KEY_LENGTH} bytes`)
    return privateCopy(plain)
  } finally {
    wipe(plain)
  }
}

/**
 * A fingerprint of the DEK (HMAC under the DEK itself), kept beside the wrapped key so a key read
 * from the keychain is checked before it encrypts anything: a stale or foreign key must never
 * write records the password can no longer open. Reveals nothing about a 256-bit random key.
 */
export function keyCheck(dek: Uint8Array): Buffer {
  return createHmac('sha256', dek).update(KEY_CHECK_LABEL).digest()
}

export function matchesKeyCheck(dek: Uint8Array, expected: Uint8Array): boolean {
  const actual = keyCheck(dek)
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}
