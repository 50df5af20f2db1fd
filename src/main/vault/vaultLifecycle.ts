import { MirrorError } from '../../shared/errors'
import { VaultStatusSchema } from '../../shared/vault'
import type { VaultStatus } from '../../shared/vault'
import { decrypt, encrypt } from '../crypto/envelope'
import type { Sealed } from '../crypto/envelope'
import { DEFAULT_ITERATIONS } from '../crypto/kdf'
import { wipe } from '../crypto/wipe'
import type { SecretStore } from '../keychain/secretStore'
import type { Clock } from '../services/ids'
import { systemClock } from '../services/ids'
import { IdleTimer, MAX_AUTO_LOCK_MINUTES, systemTimers } from './autoLock'
import type { Timers } from './autoLock'
import type { VaultRecordStore } from './recordStore'
import { VaultEventHub } from './vaultEvents'
import type { LockReason, UnlockMethod, VaultEventName, VaultEvents } from './vaultEvents'
import { VaultKeyring } from './vaultKeyring'
import { watchVaultStore } from './vaultWatch'

export interface VaultServiceOptions {
  store: VaultRecordStore
  /** OS keychain for "Remember on this device" (the composition root picks the implementation). */
  keychain: SecretStore
  clock?: Clock
  timers?: Timers
  /** PBKDF2 iterations for new vaults and password changes (default 600 000, minimum 100 000). */
  iterations?: number
  /** Keeps the auto-lock delay for the next start (vault-settings.json); default: not kept. */
  saveAutoLock?: (minutes: number | null) => Promise<void>
}

/**
 * The vault's lifecycle: init, unlock, lock, remember, change password, auto-lock and the events
 * they raise. Holds the data key only while unlocked; VaultService adds what the key opens.
 */
export class VaultLifecycle {
  protected readonly store: VaultRecordStore
  protected readonly clock: Clock
  private readonly keyring: VaultKeyring
  private readonly idle: IdleTimer
  private readonly events = new VaultEventHub()
  private dek: Buffer | null = null
  private readonly saveAutoLock: (minutes: number | null) => Promise<void>

  constructor(options: VaultServiceOptions) {
    this.store = options.store
    this.saveAutoLock = options.saveAutoLock ?? (async () => undefined)
    this.clock = options.clock ?? systemClock
    this.keyring = new VaultKeyring({
      store: this.store,
      clock: this.clock,
      keychain: options.keychain,
      iterations: options.iterations ?? DEFAULT_ITERATIONS,
    })
    this.idle = new IdleTimer(this.clock, options.timers ?? systemTimers, () => this.lock('idle'))
  }

  /** True while the data key is in memory (no I/O, unlike status()). */
  get unlocked(): boolean {
    return this.dek !== null
  }

  async status(): Promise<VaultStatus> {
    const meta = await this.store.readMeta()
    return VaultStatusSchema.parse({
      initialized: meta !== null,
      unlocked: this.dek !== null,
      remembered: meta ? await this.store.readRemembered() : false,
      vaultId: meta?.vaultId ?? null,
      autoLockMinutes: this.idle.limitMinutes,
    })
  }

  /** Creates the vault (password of 8+ characters) and leaves it unlocked. */
  async init(password: string): Promise<VaultStatus> {
    this.adopt(await this.keyring.init(password), 'init')
    return this.status()
  }

  /** Wrong password: VAULT_BAD_PASSWORD; after 3 failures `data.retryAfterMs` says how long to wait. */
  async unlock(password: string): Promise<VaultStatus> {
    this.adopt(await this.keyring.unlockWithPassword(password), 'password')
    return this.status()
  }

  /** Unlocks with the data key remembered in the OS keychain, without the password. */
  async unlockWithKeychain(): Promise<VaultStatus> {
    this.adopt(await this.keyring.unlockWithKeychain(), 'keychain')
    return this.status()
  }

  /** "Remember on this device" (needs the vault unlocked) or "Forget this device". */
  async remember(on: boolean): Promise<VaultStatus> {
    if (on) {
      this.key()
      await this.keyring.remember(() => this.key())
    } else await this.keyring.forget()
    return this.status()
  }

  /** Re-wraps the data key under the new password; records are not touched. */
  async changePassword(oldPassword: string, newPassword: string): Promise<void> {
    await this.keyring.changePassword(oldPassword, newPassword)
  }

  /** Zeroes the data key and drops everything decrypted. Emits 'locked' if it was unlocked. */
  lock(reason: LockReason = 'manual'): void {
    this.idle.stop()
    this.forgetDecrypted()
    if (!this.dek) return
    wipe(this.dek)
    this.dek = null
    this.emit('locked', { reason })
  }

  /** Changes the auto-lock delay now and for the next start (saved first, then applied). */
  async changeAutoLock(minutes: number | null): Promise<void> {
    await this.saveAutoLock(minutes)
    this.setAutoLock(minutes)
  }

  /** Idle minutes before auto-lock; null or 0 turns it off. */
  setAutoLock(minutes: number | null): void {
    if (
      minutes !== null &&
      (!Number.isFinite(minutes) || minutes < 0 || minutes > MAX_AUTO_LOCK_MINUTES)
    ) {
      throw new MirrorError(
        'VALIDATION_FAILED',
        `Auto-lock must be between 0 and ${MAX_AUTO_LOCK_MINUTES} minutes.`,
      )
    }
    this.idle.setMinutes(minutes ? minutes : null)
  }

  /** Records user activity, postponing auto-lock. */
  touch(): void {
    this.idle.touch()
  }

  /**
   * Reports changes another process made to the vault file. Each process holds its own key, so
   * another process locking or unlocking changes nothing here; what it changes in the file
   * (a new vault, a password, entries) is what windows read again. Returns the stop function.
   */
  watchOtherProcesses(listener: () => void): () => void {
    return watchVaultStore(this.store, listener)
  }

  on<E extends VaultEventName>(event: E, listener: (payload: VaultEvents[E]) => void): () => void {
    return this.events.on(event, listener)
  }

  /**
   * Seals another store's key under the data key (the database key of historyEncryption.ts), so
   * whatever opens the vault (password or keychain) opens that store too. VAULT_LOCKED while locked.
   */
  sealWithDataKey(key: Buffer, aad: Buffer): Sealed {
    return encrypt(this.key(), key, aad)
  }

  /** Opens what sealWithDataKey sealed; DecryptError when another vault's key sealed it. */
  openWithDataKey(sealed: Sealed, aad: Buffer): Buffer {
    return decrypt(this.key(), sealed, aad)
  }

  async close(): Promise<void> {
    this.lock('closed')
    await this.store.close()
  }

  /** Drops what was decrypted with the key (called on lock and whenever the key changes). */
  protected forgetDecrypted(): void {}

  /** The data key; VAULT_LOCKED while locked. */
  protected key(): Buffer {
    if (!this.dek) throw new MirrorError('VAULT_LOCKED', 'The vault is locked; unlock it first.')
    return this.dek
  }

  /**
   * Runs an operation that needs the vault open, counting it as activity. Not an async function:
   * on the hottest calls (a get is about 20 µs) one more promise frame shows; a throw still
   * becomes a rejection.
   */
  protected active<T>(op: () => Promise<T>): Promise<T> {
    try {
      this.key()
      this.idle.touch()
      return op()
    } catch (error) {
      return Promise.reject(error)
    }
  }

  protected adopt(dek: Buffer, method: UnlockMethod): void {
    const wasLocked = this.dek === null
    if (this.dek && this.dek !== dek) wipe(this.dek)
    this.dek = dek
    this.forgetDecrypted()
    this.idle.start()
    if (wasLocked) this.emit('unlocked', { method })
  }

  protected emit<E extends VaultEventName>(event: E, payload: VaultEvents[E]): void {
    this.events.emit(event, payload)
  }
}
