import { createHmac, hkdfSync } from 'node:crypto'
import { MirrorError } from '../../shared/errors'
import type { AtRestCipher } from '../attachments/blobStore'
import { DecryptError, IV_LENGTH, TAG_LENGTH, decrypt, encrypt } from '../crypto/envelope'
import { wipe } from '../crypto/wipe'

const MAGIC = Buffer.from('AMAR1', 'ascii')
const INFO = 'activemirror.attachment-at-rest.v1'
const AAD_PREFIX = `${INFO}:`
/** A plain attachment's id is the SHA-256 of its bytes: 32 bytes, kept inside the ciphertext. */
const ID_BYTES = 32

export interface ClosableAtRestCipher extends AtRestCipher {
  /** Zeroes the derived keys (the vault locked). */
  wipe(): void
}

/**
 * Attachment files of encrypted history (docs/attachments.md "Encrypted history"): two keys
 * derived by HKDF-SHA256 from the database key, one to encrypt (AES-256-GCM, fresh IV, the file
 * name as AAD), one to name files by an HMAC of their id. The id, a SHA-256 of the bytes, is only
 * inside the ciphertext: nobody without the key can tell whether a known file is stored.
 * File: `AMAR1`, IV, GCM tag, ciphertext of (id as 32 bytes, then the bytes).
 */
export function attachmentsAtRest(databaseKey: Buffer): ClosableAtRestCipher {
  const keys = Buffer.from(hkdfSync('sha256', databaseKey, Buffer.alloc(0), INFO, 64))
  const fileKey = keys.subarray(0, 32)
  const nameKey = keys.subarray(32)
  const aad = (name: string): Buffer => Buffer.from(AAD_PREFIX + name, 'utf8')
  return {
    nameOf(id) {
      return `enc-${createHmac('sha256', nameKey).update(id, 'utf8').digest('hex')}`
    },
    seal(id, bytes) {
      const plaintext = Buffer.concat([Buffer.from(id, 'hex'), bytes])
      try {
        const sealed = encrypt(fileKey, plaintext, aad(this.nameOf(id)))
        return Buffer.concat([MAGIC, sealed.iv, sealed.tag, sealed.ciphertext])
      } finally {
        wipe(plaintext)
      }
    },
    open(name, file) {
      const head = MAGIC.length
      if (
        file.length < head + IV_LENGTH + TAG_LENGTH + ID_BYTES ||
        !file.subarray(0, head).equals(MAGIC)
      ) {
        throw damaged(name)
      }
      let plaintext: Buffer
      try {
        plaintext = decrypt(
          fileKey,
          {
            iv: file.subarray(head, head + IV_LENGTH),
            tag: file.subarray(head + IV_LENGTH, head + IV_LENGTH + TAG_LENGTH),
            ciphertext: file.subarray(head + IV_LENGTH + TAG_LENGTH),
          },
          aad(name),
        )
      } catch (error) {
        if (error instanceof DecryptError) throw damaged(name)
        throw error
      }
      return {
        id: plaintext.subarray(0, ID_BYTES).toString('hex'),
        bytes: plaintext.subarray(ID_BYTES),
      }
    },
    wipe() {
      wipe(keys)
    },
  }
}

function damaged(name: string): MirrorError {
  return new MirrorError('STORAGE_CORRUPT', `The attachment file ${name} cannot be decrypted.`, {
    file: name,
  })
}
