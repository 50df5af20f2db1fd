import { createCipheriv, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  decrypt,
  DecryptError,
  encrypt,
  IV_LENGTH,
  TAG_LENGTH,
} from '../../../src/main/crypto/envelope'
import { decryptRecord, encryptRecord, recordAad } from '../../../src/main/crypto/records'
import { privateCopy, wipe } from '../../../src/main/crypto/wipe'

const key = randomBytes(32)
const aad = Buffer.from('context')

describe('AES-256-GCM envelope', () => {
  it('round-trips and interoperates with a plain node:crypto decipher', () => {
    const sealed = encrypt(key, Buffer.from('hello vault'), aad)
    expect(sealed.iv).toHaveLength(IV_LENGTH)
    expect(sealed.tag).toHaveLength(TAG_LENGTH)
    expect(decrypt(key, sealed, aad).toString()).toBe('hello vault')
    // Same bytes as a cipher built directly from node:crypto with that IV.
    const c = createCipheriv('aes-256-gcm', key, sealed.iv)
    c.setAAD(aad)
    const ct = Buffer.concat([c.update('hello vault'), c.final()])
    expect(ct.equals(sealed.ciphertext)).toBe(true)
    expect(c.getAuthTag().equals(sealed.tag)).toBe(true)
  })

  it('uses a fresh IV for every encryption of the same plaintext', () => {
    const ivs = new Set(
      Array.from({ length: 50 }, () => encrypt(key, Buffer.from('same'), aad).iv.toString('hex')),
    )
    expect(ivs.size).toBe(50)
  })

  it('rejects a wrong key, wrong AAD, or any flipped bit in iv, ciphertext or tag', () => {
    const sealed = encrypt(key, Buffer.from('authenticated text'), aad)
    expect(() => decrypt(randomBytes(32), sealed, aad)).toThrow(DecryptError)
    expect(() => decrypt(key, sealed, Buffer.from('other'))).toThrow(DecryptError)
    for (const field of ['iv', 'ciphertext', 'tag'] as const) {
      for (let i = 0; i < sealed[field].length; i++) {
        const bad = { ...sealed, [field]: Buffer.from(sealed[field]) }
        bad[field][i]! ^= 0x01
        expect(() => decrypt(key, bad, aad)).toThrow(DecryptError)
      }
    }
    expect(() => decrypt(key, { ...sealed, tag: sealed.tag.subarray(0, 12) }, aad)).toThrow(
      DecryptError,
    )
  })

  it('refuses keys that are not 32 bytes', () => {
    expect(() => encrypt(randomBytes(16), Buffer.from('x'), aad)).toThrow(/32-byte/)
  })
})

describe('record encryption', () => {
  it('binds a record to its id through the AAD', () => {
    const sealed = encryptRecord(key, 'entry:a', { kind: 'entry', secret: 1 })
    expect(decryptRecord(key, 'entry:a', sealed)).toEqual({ kind: 'entry', secret: 1 })
    expect(() => decryptRecord(key, 'entry:b', sealed)).toThrow(DecryptError)
    expect(recordAad('x').toString('ascii')).toBe('activemirror.vault-entry.v1:x')
  })
})

describe('wipe helpers', () => {
  it('zeroes buffers and makes private (unpooled) copies', () => {
    const a = Buffer.from('secret-one')
    const b = Buffer.from('secret-two')
    wipe(a, null, b, undefined)
    expect(a.every((x) => x === 0) && b.every((x) => x === 0)).toBe(true)
    const source = Buffer.from([1, 2, 3])
    const copy = privateCopy(source)
    expect([...copy]).toEqual([1, 2, 3])
    expect(copy.buffer).not.toBe(source.buffer)
    expect(copy.byteLength).toBe(copy.buffer.byteLength)
  })
})
