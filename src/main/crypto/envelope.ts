import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { wipe } from './wipe'

export const CIPHER = 'aes-256-gcm'
export const KEY_LENGTH = 32
export const IV_LENGTH = 12
export const TAG_LENGTH = 16

/** One AES-256-GCM encryption: the three parts vault.md stores for every sealed value. */
export interface Sealed {
  iv: Buffer
  ciphertext: Buffer
  tag: Buffer
}

/** Authentication failed: wrong key, wrong AAD, or altered iv/ciphertext/tag. Never says which. */
export class DecryptError extends Error {
  constructor() {
    super('Authentication failed')
    this.name = 'DecryptError'
  }
}

function assertKey(key: Uint8Array): void {
  if (key.length !== KEY_LENGTH) throw new Error(`AES-256-GCM needs a ${KEY_LENGTH}-byte key`)
}

/** Encrypts with a fresh random 12-byte IV every call; reusing an IV under one key breaks GCM. */
export function encrypt(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Sealed {
  assertKey(key)
  const iv = randomBytes(IV_LENGTH)
  const cipher = createCipheriv(CIPHER, key, iv, { authTagLength: TAG_LENGTH })
  cipher.setAAD(aad)
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return { iv, ciphertext, tag: cipher.getAuthTag() }
}

/** Decrypts and authenticates; any mismatch throws DecryptError and returns no partial plaintext. */
export function decrypt(key: Uint8Array, sealed: Sealed, aad: Uint8Array): Buffer {
  assertKey(key)
  if (sealed.iv.length !== IV_LENGTH || sealed.tag.length !== TAG_LENGTH) throw new DecryptError()
  const decipher = createDecipheriv(CIPHER, key, sealed.iv, { authTagLength: TAG_LENGTH })
  decipher.setAAD(aad)
  decipher.setAuthTag(sealed.tag)
  const head = decipher.update(sealed.ciphertext)
  try {
    const tail = decipher.final()
    return tail.length === 0 ? head : Buffer.concat([head, tail])
  } catch {
    // GCM releases plaintext before the tag is checked; unauthenticated bytes must not linger.
    wipe(head)
    throw new DecryptError()
  }
}
