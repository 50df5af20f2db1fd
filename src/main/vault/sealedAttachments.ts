import { createHmac } from 'node:crypto'
import { MirrorError } from '../../shared/errors'
import type { AttachmentSealer } from '../attachments/blobStore'
import { DecryptError, IV_LENGTH, TAG_LENGTH, decrypt, encrypt } from '../crypto/envelope'

const MAGIC = Buffer.from('AMAS1', 'ascii')
const ID_KEY_LABEL = 'activemirror.attachment-id.v1'
const AAD_PREFIX = 'activemirror.attachment.v1:'

const aad = (id: string): Buffer => Buffer.from(AAD_PREFIX + id, 'utf8')

/**
 * Sensitive attachments under the vault's data key: file = `AMAS1` + IV + GCM tag + ciphertext,
 * the attachment id as AAD (a file only opens under the id it was stored as). The id is an HMAC
 * of the bytes under a key derived from the data key: equal files are stored once, and nobody
 * without the key can test whether a known file is among them.
 */
export function attachmentSealer(dek: () => Buffer): AttachmentSealer {
  return {
    idOf(bytes) {
      const idKey = createHmac('sha256', dek()).update(ID_KEY_LABEL).digest()
      try {
        return `sealed-${createHmac('sha256', idKey).update(bytes).digest('hex')}`
      } finally {
        idKey.fill(0)
      }
    },
    seal(id, bytes) {
      const sealed = encrypt(dek(), bytes, aad(id))
      return Buffer.concat([MAGIC, sealed.iv, sealed.tag, sealed.ciphertext])
    },
    open(id, file) {
      const head = MAGIC.length
      if (file.length < head + IV_LENGTH + TAG_LENGTH || !file.subarray(0, head).equals(MAGIC)) {
        throw damaged(id)
      }
      const iv = file.subarray(head, head + IV_LENGTH)
      const tag = file.subarray(head + IV_LENGTH, head + IV_LENGTH + TAG_LENGTH)
      const ciphertext = file.subarray(head + IV_LENGTH + TAG_LENGTH)
      try {
        return decrypt(dek(), { iv, tag, ciphertext }, aad(id))
      } catch (error) {
        if (error instanceof DecryptError) throw damaged(id)
        throw error
      }
    },
  }
}

function damaged(id: string): MirrorError {
  return new MirrorError('VAULT_CORRUPT', `Attachment ${id} cannot be decrypted.`, { id })
}
