import Database from 'better-sqlite3-multiple-ciphers'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { lockoutDelayMs, MAX_DELAY_MS } from '../../../src/main/vault/lockout'
import { passwordStrength } from '../../../src/main/vault/vaultService'
import { expectCode, vaultFixture } from './helpers/vaultFixture'
import type { VaultFixture } from './helpers/vaultFixture'

const PASSWORD = 'correct horse battery'
let fx: VaultFixture
afterEach(async () => fx?.cleanup())

function wrappedKeyRow(dir: string): Record<string, unknown> {
  const db = new Database(path.join(dir, 'vault.db'), { readonly: true })
  try {
    return db
      .prepare(
        'SELECT kdf_salt, wrap_iv, wrap_ciphertext, wrap_tag, kdf_iterations FROM vault_meta',
      )
      .get() as Record<string, unknown>
  } finally {
    db.close()
  }
}

function recordRows(dir: string): Array<Record<string, unknown>> {
  const db = new Database(path.join(dir, 'vault.db'), { readonly: true })
  try {
    return db
      .prepare('SELECT id, iv, ciphertext, tag FROM vault_records ORDER BY id')
      .all() as Array<Record<string, unknown>>
  } finally {
    db.close()
  }
}

describe('vault lifecycle', () => {
  it('starts uninitialized; init creates it unlocked; lock and unlock', async () => {
    fx = vaultFixture()
    expect(await fx.vault.status()).toEqual({
      initialized: false,
      unlocked: false,
      remembered: false,
      vaultId: null,
      autoLockMinutes: null,
    })
    await expectCode(fx.vault.unlock(PASSWORD), 'VAULT_NOT_INITIALIZED')
    const s = await fx.vault.init(PASSWORD)
    expect(s).toMatchObject({ initialized: true, unlocked: true, remembered: false })
    expect(s.vaultId).toMatch(/^vault_/)
    await fx.vault.set('k', 'v')
    fx.vault.lock()
    expect((await fx.vault.status()).unlocked).toBe(false)
    await expectCode(fx.vault.get('k'), 'VAULT_LOCKED')
    await fx.vault.unlock(PASSWORD)
    expect((await fx.vault.get('k'))?.value).toBe('v')
    // A second process unlocks the same file with the same password.
    const other = fx.reopen()
    await other.unlock(PASSWORD)
    expect((await other.get('k'))?.value).toBe('v')
  })

  it('refuses passwords shorter than 8 characters and a second init, changing nothing', async () => {
    fx = vaultFixture()
    await expectCode(fx.vault.init('short'), 'VALIDATION_FAILED')
    expect((await fx.vault.status()).initialized).toBe(false)
    await fx.vault.init(PASSWORD)
    const before = wrappedKeyRow(fx.dir)
    await expectCode(fx.vault.init('another long password'), 'VALIDATION_FAILED')
    expect(wrappedKeyRow(fx.dir)).toEqual(before)
  })

  it('rates password strength for the setup screen', () => {
    expect(passwordStrength('abc').score).toBe(0)
    expect(passwordStrength('password').score).toBe(0)
    expect(passwordStrength('abcdefgh').score).toBeLessThan(
      passwordStrength('Tr0ub4dor&3-horse-staple').score,
    )
    expect(passwordStrength('Tr0ub4dor&3-horse-staple').score).toBe(4)
    expect(passwordStrength('abc').hint).toMatch(/8 characters/)
  })

  it('wrong password: VAULT_BAD_PASSWORD, stays locked, then exponential delay after 3 failures', async () => {
    fx = vaultFixture()
    await fx.vault.init(PASSWORD)
    fx.vault.lock()
    expect(await expectCode(fx.vault.unlock('wrong password 1'), 'VAULT_BAD_PASSWORD')).toEqual({
      failures: 1,
    })
    await expectCode(fx.vault.unlock('wrong password 2'), 'VAULT_BAD_PASSWORD')
    const third = await expectCode(fx.vault.unlock('wrong password 3'), 'VAULT_BAD_PASSWORD')
    expect(third?.retryAfterMs).toBe(lockoutDelayMs(3))
    expect((await fx.vault.status()).unlocked).toBe(false)
    // During the delay even the right password is refused, without checking it.
    const waiting = await expectCode(fx.vault.unlock(PASSWORD), 'VAULT_BAD_PASSWORD')
    expect(waiting?.retryAfterMs).toBe(lockoutDelayMs(3))
    // The delay survives a new process (it is stored with the vault).
    await expectCode(fx.reopen().unlock(PASSWORD), 'VAULT_BAD_PASSWORD')
    fx.time.advance(lockoutDelayMs(3))
    const fourth = await expectCode(fx.vault.unlock('wrong password 4'), 'VAULT_BAD_PASSWORD')
    expect(fourth?.retryAfterMs).toBe(2 * lockoutDelayMs(3))
    fx.time.advance(2 * lockoutDelayMs(3))
    await fx.vault.unlock(PASSWORD)
    expect((await fx.vault.status()).unlocked).toBe(true)
    // Success resets the counter.
    fx.vault.lock()
    expect(await expectCode(fx.vault.unlock('wrong again!'), 'VAULT_BAD_PASSWORD')).toEqual({
      failures: 1,
    })
  })

  it('caps the delay', () => {
    expect(lockoutDelayMs(2)).toBe(0)
    expect(lockoutDelayMs(4)).toBe(2 * lockoutDelayMs(3))
    expect(lockoutDelayMs(100)).toBe(MAX_DELAY_MS)
  })

  it('parallel guesses are checked one at a time, so they cannot dodge the delay', async () => {
    fx = vaultFixture()
    await fx.vault.init(PASSWORD)
    fx.vault.lock()
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => fx.vault.unlock(`guess number ${i}`)),
    )
    const data = results.map((r) =>
      r.status === 'rejected' ? (r.reason as { data: { failures: number } }).data.failures : -1,
    )
    // Guesses 4 and 5 arrive during the delay of guess 3 and are refused unchecked.
    expect(data).toEqual([1, 2, 3, 3, 3])
  })

  it('lock zeroes the very key buffer it held and emits locked once', async () => {
    fx = vaultFixture()
    const events: string[] = []
    fx.vault.on('locked', (e) => events.push(`locked:${e.reason}`))
    const off = fx.vault.on('unlocked', (e) => events.push(`unlocked:${e.method}`))
    await fx.vault.init(PASSWORD)
    const held = (fx.vault as unknown as { dek: Buffer }).dek
    expect(held).toHaveLength(32)
    expect(held.some((b) => b !== 0)).toBe(true)
    fx.vault.lock()
    fx.vault.lock()
    expect(held.every((b) => b === 0)).toBe(true)
    off()
    await fx.vault.unlock(PASSWORD)
    expect(events).toEqual(['unlocked:init', 'locked:manual'])
  })

  it('change password re-wraps the key only: records byte-identical, old password refused', async () => {
    fx = vaultFixture()
    await fx.vault.init(PASSWORD)
    await fx.vault.set('goal', 'run a marathon', { category: 'goals' })
    await fx.vault.putMessage({ sessionId: 's1', messageId: 'm1', content: 'secret message' })
    const recordsBefore = recordRows(fx.dir)
    const keyBefore = wrappedKeyRow(fx.dir)
    await expectCode(
      fx.vault.changePassword('not the password', 'new password here'),
      'VAULT_BAD_PASSWORD',
    )
    await expectCode(fx.vault.changePassword(PASSWORD, 'short'), 'VALIDATION_FAILED')
    expect(wrappedKeyRow(fx.dir)).toEqual(keyBefore)
    await fx.vault.changePassword(PASSWORD, 'new password here')
    expect(recordRows(fx.dir)).toEqual(recordsBefore)
    const keyAfter = wrappedKeyRow(fx.dir)
    expect(keyAfter.kdf_salt).not.toEqual(keyBefore.kdf_salt)
    expect(keyAfter.wrap_ciphertext).not.toEqual(keyBefore.wrap_ciphertext)
    fx.vault.lock()
    await expectCode(fx.vault.unlock(PASSWORD), 'VAULT_BAD_PASSWORD')
    await fx.vault.unlock('new password here')
    expect((await fx.vault.get('goal'))?.value).toBe('run a marathon')
    expect((await fx.vault.getMessage('m1'))?.content).toBe('secret message')
  })

  it('auto-locks after N idle minutes, postponed by activity, and emits locked', async () => {
    fx = vaultFixture()
    const reasons: string[] = []
    fx.vault.on('locked', (e) => reasons.push(e.reason))
    await fx.vault.init(PASSWORD)
    fx.vault.setAutoLock(5)
    expect((await fx.vault.status()).autoLockMinutes).toBe(5)
    fx.time.advance(4 * 60_000)
    fx.vault.touch()
    fx.time.advance(4 * 60_000)
    await fx.vault.set('still', 'open') // activity too
    fx.time.advance(4 * 60_000 + 59_000)
    expect((await fx.vault.status()).unlocked).toBe(true)
    fx.time.advance(1000)
    expect((await fx.vault.status()).unlocked).toBe(false)
    expect(reasons).toEqual(['idle'])
    expect(fx.time.pendingCount).toBe(0)
    // Off: never locks; a new unlock re-arms with the current setting.
    await fx.vault.unlock(PASSWORD)
    fx.vault.setAutoLock(null)
    fx.time.advance(24 * 60 * 60_000)
    expect((await fx.vault.status()).unlocked).toBe(true)
    expect(() => fx.vault.setAutoLock(-1)).toThrow(/Auto-lock/)
  })
})

describe('default iterations', () => {
  it('a vault made with 600000 iterations stores that count and unlocks', async () => {
    fx = vaultFixture({ iterations: 600_000 })
    await fx.vault.init(PASSWORD)
    expect(wrappedKeyRow(fx.dir).kdf_iterations).toBe(600_000)
    fx.vault.lock()
    let ticks = 0
    let running = true
    const spin = (): void => {
      ticks++
      if (running) setImmediate(spin)
    }
    setImmediate(spin)
    await fx.vault.unlock(PASSWORD)
    running = false
    expect((await fx.vault.status()).unlocked).toBe(true)
    // The event loop kept turning through the whole derivation.
    expect(ticks).toBeGreaterThan(20)
  })
})
