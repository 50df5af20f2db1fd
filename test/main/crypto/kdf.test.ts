import { pbkdf2Sync, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { DecryptError } from '../../../src/main/crypto/envelope'
import {
  DEFAULT_ITERATIONS,
  deriveKey,
  MIN_ITERATIONS,
  newKdfParams,
} from '../../../src/main/crypto/kdf'
import {
  keyCheck,
  matchesKeyCheck,
  newDataKey,
  unwrapKey,
  wrapKey,
} from '../../../src/main/crypto/keyWrap'
import { decrypt } from '../../../src/main/crypto/envelope'

describe('PBKDF2 key derivation', () => {
  it('equals PBKDF2-HMAC-SHA256(UTF-8 password, salt, iterations, 32)', async () => {
    const params = newKdfParams(MIN_ITERATIONS)
    expect(params.salt).toHaveLength(16)
    const key = await deriveKey('pässwörd ✓', params)
    const reference = pbkdf2Sync(
      Buffer.from('pässwörd ✓', 'utf8'),
      params.salt,
      MIN_ITERATIONS,
      32,
      'sha256',
    )
    expect(key.equals(reference)).toBe(true)
  })

  it('defaults to 600000 iterations and enforces the 100000 minimum', async () => {
    expect(DEFAULT_ITERATIONS).toBe(600_000)
    expect(newKdfParams().iterations).toBe(600_000)
    expect(() => newKdfParams(99_999)).toThrow(RangeError)
    await expect(
      deriveKey('pw', { name: 'PBKDF2-SHA256', iterations: 1000, salt: randomBytes(16) }),
    ).rejects.toThrow(RangeError)
  })

  it('does not block the event loop while deriving', async () => {
    let ticks = 0
    let running = true
    const spin = (): void => {
      ticks++
      if (running) setImmediate(spin)
    }
    setImmediate(spin)
    await deriveKey('correct horse', newKdfParams(MIN_ITERATIONS))
    running = false
    // A blocking (sync) derivation would let at most one or two ticks through.
    expect(ticks).toBeGreaterThan(10)
  })
})

describe('key wrapping', () => {
  it('wraps the DEK with AAD activemirror.vault-key.v1 and unwraps only with the same KEK', () => {
    const kek = randomBytes(32)
    const dek = newDataKey()
    const wrapped = wrapKey(kek, dek)
    expect(wrapped.ciphertext).toHaveLength(32)
    expect(unwrapKey(kek, wrapped).equals(dek)).toBe(true)
    expect(
      decrypt(kek, wrapped, Buffer.from('activemirror.vault-key.v1', 'ascii')).equals(dek),
    ).toBe(true)
    expect(() => unwrapKey(randomBytes(32), wrapped)).toThrow(DecryptError)
  })

  it('key check tells the right DEK from another', () => {
    const dek = newDataKey()
    const check = keyCheck(dek)
    expect(matchesKeyCheck(dek, check)).toBe(true)
    expect(matchesKeyCheck(newDataKey(), check)).toBe(false)
  })
})
