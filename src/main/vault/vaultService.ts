import { MirrorError } from '../../shared/errors'
import { VaultStatusSchema } from '../../shared/vault'
import type { SdkVaultImportReport } from '../../shared/sdkVault'
import type {
  SensitiveMessage,
  VaultCategory,
  VaultDamagedRecord,
  VaultEntry,
  VaultEntryOptions,
  VaultStats,
  VaultStatus,
  VaultValue,
} from '../../shared/vault'
import { DEFAULT_ITERATIONS } from '../crypto/kdf'
import { wipe } from '../crypto/wipe'
import { createKeytarStore, KEYCHAIN_SERVICE } from '../keychain/keychain'
import type { SecretStore } from '../keychain/keychain'
import type { Clock } from '../services/ids'
import { systemClock } from '../services/ids'
import { IdleTimer, MAX_AUTO_LOCK_MINUTES, systemTimers } from './autoLock'
import type { Timers } from './autoLock'
import { exportBackup, restoreBackup } from './backup'
import type { RestoreMode, RestoreReport } from './backup'
import type { VaultRecordStore } from './recordStore'
import { importSdkVault } from './sdk/sdkVaultImport'
import type { SdkVaultFile } from './sdk/sdkVaultReader'
import { SensitiveMessages } from './sensitiveMessages'
import type { StoredContent } from './sensitiveMessages'
import { checkRecords, quarantineDamaged } from './vaultCheck'
import type { QuarantineReport } from './vaultCheck'
import { EntryBook } from './vaultEntries'
import { VaultKeyring } from './vaultKeyring'

export { passwordStrength } from '../../shared/vault'

export type LockReason = 'manual' | 'idle' | 'system' | 'closed'
export type UnlockMethod = 'password' | 'keychain' | 'init' | 'restore'

export interface VaultEvents {
  locked: { reason: LockReason }
  unlocked: { method: UnlockMethod }
  /** An entry was written or removed (no key or value: the continuity log records this). */
  entryChanged: { action: 'created' | 'updated' | 'deleted'; category: VaultCategory }
  /** A backup was restored (counts only, like the report). */
  restored: Omit<RestoreReport, 'vaultId' | 'damaged'>
}
export type VaultEventName = keyof VaultEvents

export interface VaultServiceOptions {
  store: VaultRecordStore
  /** OS keychain for "Remember on this device"; default: keytar, service `ActiveMirror`. */
  keychain?: SecretStore
  clock?: Clock
  timers?: Timers
  /** PBKDF2 iterations for new vaults and password changes (default 600 000, minimum 100 000). */
  iterations?: number
  /** Keeps the auto-lock delay for the next start (vault-settings.json); default: not kept. */
  saveAutoLock?: (minutes: number | null) => Promise<void>
}

/**
 * The encrypted vault: lifecycle (init, unlock, lock, remember, change password, auto-lock),
 * entries, sensitive messages and backups. Holds the data key only while unlocked.
 */
export class VaultService {
  private readonly store: VaultRecordStore
  private readonly clock: Clock
  private readonly keyring: VaultKeyring
  private readonly idle: IdleTimer
  private readonly entries: EntryBook
  private readonly messages: SensitiveMessages
  private readonly listeners = {
    locked: new Set<(e: VaultEvents['locked']) => void>(),
    unlocked: new Set<(e: VaultEvents['unlocked']) => void>(),
    entryChanged: new Set<(e: VaultEvents['entryChanged']) => void>(),
    restored: new Set<(e: VaultEvents['restored']) => void>(),
  }
  private dek: Buffer | null = null
  private readonly saveAutoLock: (minutes: number | null) => Promise<void>

  constructor(options: VaultServiceOptions) {
    this.store = options.store
    this.saveAutoLock = options.saveAutoLock ?? (async () => undefined)
    this.clock = options.clock ?? systemClock
    this.keyring = new VaultKeyring({
      store: this.store,
      clock: this.clock,
      keychain: options.keychain ?? createKeytarStore(KEYCHAIN_SERVICE),
      iterations: options.iterations ?? DEFAULT_ITERATIONS,
    })
    this.idle = new IdleTimer(this.clock, options.timers ?? systemTimers, () => this.lock('idle'))
    const deps = { store: this.store, clock: this.clock, key: () => this.key() }
    this.entries = new EntryBook(deps)
    this.messages = new SensitiveMessages(deps)
  }

  // ── lifecycle ────────────────────────────────────────────────────────────────────────────

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
    this.entries.clear()
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

  on<E extends VaultEventName>(event: E, listener: (payload: VaultEvents[E]) => void): () => void {
    const set = this.listeners[event] as Set<(payload: VaultEvents[E]) => void>
    set.add(listener)
    return () => void set.delete(listener)
  }

  async close(): Promise<void> {
    this.lock('closed')
    await this.store.close()
  }

  // ── entries ──────────────────────────────────────────────────────────────────────────────

  set(key: string, value: VaultValue, options?: VaultEntryOptions): Promise<VaultEntry> {
    return this.active(async () => {
      const existed = (await this.entries.get(key)) !== null
      const entry = await this.entries.set(key, value, options)
      this.emit('entryChanged', {
        action: existed ? 'updated' : 'created',
        category: entry.category,
      })
      return entry
    })
  }

  get(key: string): Promise<VaultEntry | null> {
    return this.active(() => this.entries.get(key))
  }

  list(filter?: { category?: VaultCategory }): Promise<VaultEntry[]> {
    return this.active(() => this.entries.list(filter))
  }

  delete(key: string): Promise<boolean> {
    return this.active(async () => {
      const existing = await this.entries.get(key)
      const removed = await this.entries.delete(key)
      if (removed && existing) {
        this.emit('entryChanged', { action: 'deleted', category: existing.category })
      }
      return removed
    })
  }

  search(query: string): Promise<VaultEntry[]> {
    return this.active(() => this.entries.search(query))
  }

  async stats(): Promise<VaultStats> {
    return this.active(async () => {
      const byCategory = await this.entries.countByCategory()
      const total = Object.values(byCategory).reduce((a, b) => a + b, 0)
      return { total, byCategory, messages: await this.messages.count() }
    })
  }

  /** Entries marked "Use in conversations"; empty while locked (memories never leak from a locked vault). */
  async memoriesForContext(): Promise<VaultEntry[]> {
    if (!this.dek) return []
    return (await this.entries.list()).filter((e) => e.useInConversations)
  }

  // ── sensitive messages ───────────────────────────────────────────────────────────────────

  putMessage(message: SensitiveMessage): Promise<void> {
    return this.active(() => this.messages.put(message))
  }

  /** A damaged record is VAULT_CORRUPT here; getMessages reports it in place instead. */
  getMessage(messageId: string): Promise<SensitiveMessage | null> {
    return this.active(() => this.messages.get(messageId))
  }

  getMessages(messageIds: readonly string[]): Promise<Map<string, StoredContent>> {
    return this.active(() => this.messages.getMany(messageIds))
  }

  /** Works while locked too (deleting a session must not wait for the vault). */
  deleteMessage(messageIds: string | readonly string[]): Promise<number> {
    return this.messages.delete(messageIds)
  }

  // ── damaged records ──────────────────────────────────────────────────────────────────────

  /** Records that cannot be read (they are skipped everywhere else), by id, kind and reason. */
  check(): Promise<VaultDamagedRecord[]> {
    return this.active(() => checkRecords(this.checkDeps()))
  }

  /** Moves the damaged records into the quarantine (kept in vault.db, no longer reported). */
  quarantineDamaged(): Promise<QuarantineReport> {
    return this.active(async () => {
      const report = await quarantineDamaged(this.checkDeps())
      if (report.quarantined > 0) this.entries.clear()
      return report
    })
  }

  // ── backups ──────────────────────────────────────────────────────────────────────────────

  /** The encrypted backup JSON of formats/vault.md. Needs no unlock: nothing is decrypted. */
  exportBackup(): Promise<string> {
    return exportBackup(this.store)
  }

  /** See backup.ts for what 'new' and 'merge' do; a failure changes nothing. */
  async restoreBackup(text: string, password: string, mode: RestoreMode): Promise<RestoreReport> {
    const report = await restoreBackup(
      {
        store: this.store,
        clock: this.clock,
        entries: this.entries,
        key: () => this.key(),
        adopt: (dek) => this.adopt(dek, 'restore'),
      },
      text,
      password,
      mode,
    )
    const { added, updated, kept } = report
    this.emit('restored', { mode: report.mode, added, updated, kept })
    return report
  }

  /** Imports an ActiveMirrorOS SDK vault folder (sdk/sdkVaultImport.ts); needs the vault open. */
  importSdkVault(files: readonly SdkVaultFile[], password: string): Promise<SdkVaultImportReport> {
    return this.active(() =>
      importSdkVault(
        {
          store: this.store,
          clock: this.clock,
          entries: this.entries,
          key: () => this.key(),
          created: (entry) =>
            this.emit('entryChanged', { action: 'created', category: entry.category }),
        },
        files,
        password,
      ),
    )
  }

  // ── internals ────────────────────────────────────────────────────────────────────────────

  private checkDeps() {
    return { store: this.store, clock: this.clock, key: () => this.key() }
  }

  private key(): Buffer {
    if (!this.dek) throw new MirrorError('VAULT_LOCKED', 'The vault is locked; unlock it first.')
    return this.dek
  }

  private async active<T>(op: () => Promise<T>): Promise<T> {
    this.key()
    this.idle.touch()
    return op()
  }

  private adopt(dek: Buffer, method: UnlockMethod): void {
    const wasLocked = this.dek === null
    if (this.dek && this.dek !== dek) wipe(this.dek)
    this.dek = dek
    this.entries.clear()
    this.idle.start()
    if (wasLocked) this.emit('unlocked', { method })
  }

  private emit<E extends VaultEventName>(event: E, payload: VaultEvents[E]): void {
    for (const listener of [...(this.listeners[event] as Set<(p: VaultEvents[E]) => void>)]) {
      try {
        listener(payload)
      } catch {
        // One failing listener must not stop the others or undo the lock.
      }
    }
  }
}
