import { afterEach, describe, expect, it } from 'vitest'
import { expectCode, vaultFixture } from './helpers/vaultFixture'
import type { VaultFixture } from './helpers/vaultFixture'

// Runs against the real gnome-keyring of scripts/with-keyring.sh, one unique service per fixture.
const PASSWORD = 'keychain test password'
let fx: VaultFixture
afterEach(async () => fx?.cleanup())

describe('"Remember on this device" with the real OS keychain', () => {
  it('remembers the data key, unlocks without the password, forgets', async () => {
    fx = vaultFixture()
    expect(await fx.keychain.available()).toBe(true)
    const { vaultId } = await fx.vault.init(PASSWORD)
    await fx.vault.set('k', 'remembered value')
    await fx.vault.remember(true)
    expect((await fx.vault.status()).remembered).toBe(true)
    const account = `vault-key:${vaultId}`
    const stored = await fx.keychain.get(account)
    expect(Buffer.from(stored ?? '', 'base64')).toHaveLength(32)

    // A new process unlocks from the keychain, no password.
    const other = fx.reopen()
    expect((await other.status()).remembered).toBe(true)
    const status = await other.unlockWithKeychain()
    expect(status.unlocked).toBe(true)
    expect((await other.get('k'))?.value).toBe('remembered value')

    // Forget this device: the keychain item is gone and keychain unlock is refused.
    await other.remember(false)
    expect(await fx.keychain.get(account)).toBeNull()
    fx.vault.lock()
    expect((await fx.vault.status()).remembered).toBe(false)
    await expectCode(fx.vault.unlockWithKeychain(), 'VAULT_LOCKED')
    await fx.vault.unlock(PASSWORD)
  })

  it('a foreign key in the keychain is refused, removed, and never used', async () => {
    fx = vaultFixture()
    const { vaultId } = await fx.vault.init(PASSWORD)
    await fx.vault.remember(true)
    await fx.keychain.set(`vault-key:${vaultId}`, Buffer.alloc(32, 7).toString('base64'))
    fx.vault.lock()
    await expectCode(fx.vault.unlockWithKeychain(), 'VAULT_LOCKED')
    expect(await fx.vault.status()).toMatchObject({ unlocked: false, remembered: false })
    expect(await fx.keychain.get(`vault-key:${vaultId}`)).toBeNull()
  })

  it('the remembered key survives a password change (same data key)', async () => {
    fx = vaultFixture()
    await fx.vault.init(PASSWORD)
    await fx.vault.remember(true)
    await fx.vault.changePassword(PASSWORD, 'a brand new password')
    fx.vault.lock()
    await fx.vault.unlockWithKeychain()
    expect((await fx.vault.status()).unlocked).toBe(true)
    await fx.vault.remember(false)
  })
})
