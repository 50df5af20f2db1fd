import { MirrorError } from '../../shared/errors'
import { KEY_LENGTH } from '../crypto/envelope'
import { matchesKeyCheck } from '../crypto/keyWrap'
import { privateCopy, wipe } from '../crypto/wipe'
import type { SecretStore } from '../keychain/secretStore'
import type { Clock } from '../services/ids'
import { afterFailure, waitMs } from './lockout'
import type { VaultMeta, VaultRecordStore } from './recordStore'
import { assertNewPassword, newVault, unwrapWithPassword, wrapWithPassword } from './vaultKeys'

export interface VaultKeyringDeps {
  store: VaultRecordStore
  clock: Clock
  keychain: SecretStore
  iterations: number
}

/** Keychain account holding a vault's data key (base64), per formats/vault.md. */
export function keychainAccount(vaultId: string): string {
  return `vault-key:${vaultId}`
}

/**
 * Turns a password or the keychain into the data key, and keeps the wrapped key, the lockout
 * counter and the keychain item in step. Every DEK it returns belongs to the caller.
 */
export class VaultKeyring {
  /** Password checks run one at a time, so parallel guesses cannot skip the lockout delay. */
  private queue: Promise<unknown> = Promise.resolve()

  constructor(private readonly deps: VaultKeyringDeps) {}

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op, op)
    this.queue = run.catch(() => undefined)
    return run
  }

  private async meta(): Promise<VaultMeta> {
    const meta = await this.deps.store.readMeta()
    if (!meta) throw new MirrorError('VAULT_NOT_INITIALIZED', 'The vault is not set up yet.')
    return meta
  }

  async init(password: string): Promise<Buffer> {
    assertNewPassword(password)
    if (await this.deps.store.readMeta()) {
      throw new MirrorError(
        'VALIDATION_FAILED',
        'The vault is already set up; nothing was changed.',
      )
    }
    const { meta, dek } = await newVault(
      password,
      this.deps.iterations,
      this.deps.clock.now().toISOString(),
    )
    try {
      await this.deps.store.create(meta, [])
      return dek
    } catch (error) {
      wipe(dek)
      throw error
    }
  }

  /** The DEK for `password`, applying the persisted lockout (see lockout.ts). */
  unlockWithPassword(password: string): Promise<Buffer> {
    return this.serial(async () => {
      const meta = await this.meta()
      const now = () => this.deps.clock.now().getTime()
      const state = await this.deps.store.readLockout()
      const wait = waitMs(state, now())
      if (wait > 0) {
        throw new MirrorError(
          'VAULT_BAD_PASSWORD',
          `Too many wrong passwords; try again in ${Math.ceil(wait / 1000)} s.`,
          { retryAfterMs: wait, failures: state.failures },
        )
      }
      const dek = await unwrapWithPassword(
        meta.kdf,
        meta.wrappedKey,
        String(password),
        meta.keyCheck,
      )
      if (!dek) {
        const next = afterFailure(state, now())
        await this.deps.store.writeLockout(next)
        const retryAfterMs = waitMs(next, now())
        throw new MirrorError(
          'VAULT_BAD_PASSWORD',
          retryAfterMs > 0
            ? `Wrong password. Try again in ${Math.ceil(retryAfterMs / 1000)} s.`
            : 'Wrong password.',
          retryAfterMs > 0
            ? { retryAfterMs, failures: next.failures }
            : { failures: next.failures },
        )
      }
      if (state.failures > 0) await this.deps.store.writeLockout({ failures: 0, retryAt: 0 })
      return dek
    })
  }

  async unlockWithKeychain(): Promise<Buffer> {
    const meta = await this.meta()
    const account = keychainAccount(meta.vaultId)
    const secret = await this.deps.keychain.get(account)
    if (secret === null) {
      if (await this.deps.store.readRemembered()) await this.deps.store.writeRemembered(false)
      throw new MirrorError(
        'VAULT_LOCKED',
        'This device does not remember the vault key; unlock with the password.',
      )
    }
    const decoded = Buffer.from(secret, 'base64')
    const dek = privateCopy(decoded)
    wipe(decoded)
    if (dek.length !== KEY_LENGTH || !matchesKeyCheck(dek, meta.keyCheck)) {
      wipe(dek)
      // A stale item (vault restored or replaced) must not keep failing or write unreadable records.
      await this.deps.keychain.delete(account)
      await this.deps.store.writeRemembered(false)
      throw new MirrorError(
        'VAULT_LOCKED',
        'The key remembered on this device does not fit this vault; unlock with the password.',
      )
    }
    return dek
  }

  /** `key` is read after the last await, so a lock() meanwhile fails instead of storing zeros. */
  async remember(key: () => Buffer): Promise<void> {
    const meta = await this.meta()
    await this.deps.keychain.set(keychainAccount(meta.vaultId), key().toString('base64'))
    await this.deps.store.writeRemembered(true)
  }

  async forget(): Promise<void> {
    const meta = await this.meta()
    await this.deps.keychain.delete(keychainAccount(meta.vaultId))
    await this.deps.store.writeRemembered(false)
  }

  /** Checks the old password (under the lockout) and re-wraps the same DEK under the new one. */
  async changePassword(oldPassword: string, newPassword: string): Promise<void> {
    assertNewPassword(newPassword)
    const dek = await this.unlockWithPassword(oldPassword)
    try {
      const meta = await this.meta()
      const { kdf, wrappedKey } = await wrapWithPassword(dek, newPassword, this.deps.iterations)
      await this.deps.store.replaceKey(meta.vaultId, kdf, wrappedKey)
    } finally {
      wipe(dek)
    }
  }
}
