import type { SdkVaultImportReport } from '../../shared/sdkVault'
import type {
  SensitiveMessage,
  VaultCategory,
  VaultDamagedRecord,
  VaultEntry,
  VaultEntryOptions,
  VaultStats,
  VaultValue,
} from '../../shared/vault'
import { MirrorError } from '../../shared/errors'
import { encrypt } from '../crypto/envelope'
import type { Sealed } from '../crypto/envelope'
import type { KdfParams } from '../crypto/kdf'
import { exportBackup, restoreBackup } from './backup'
import type { RestoreMode, RestoreReport } from './backup'
import { importSdkVault } from './sdk/sdkVaultImport'
import type { SdkVaultFile } from './sdk/sdkVaultReader'
import type { AttachmentSealer } from '../attachments/blobStore'
import { attachmentSealer } from './sealedAttachments'
import { SensitiveMessages } from './sensitiveMessages'
import type { StoredContent } from './sensitiveMessages'
import { checkRecords, quarantineDamaged } from './vaultCheck'
import type { QuarantineReport } from './vaultCheck'
import { EntryBook } from './vaultEntries'
import { readBackupFile, readSdkVaultFolder } from './vaultFiles'
import { VaultLifecycle } from './vaultLifecycle'
import type { VaultServiceOptions } from './vaultLifecycle'

export { passwordStrength } from '../../shared/vault'
export type { LockReason, UnlockMethod, VaultEventName, VaultEvents } from './vaultEvents'
export type { VaultServiceOptions } from './vaultLifecycle'

/** The vault's key section and a value sealed under its data key (VaultService.sealForBackup). */
export interface BackupSeal {
  vaultId: string
  kdf: KdfParams
  wrappedKey: Sealed
  sealed: Sealed
}

/**
 * The encrypted vault: its lifecycle (VaultLifecycle), and what the data key opens: entries,
 * sensitive messages, damaged records, backups and SDK vault imports.
 */
export class VaultService extends VaultLifecycle {
  private readonly entries: EntryBook
  private readonly messages: SensitiveMessages

  constructor(options: VaultServiceOptions) {
    super(options)
    const deps = { store: this.store, clock: this.clock, key: () => this.key() }
    this.entries = new EntryBook(deps)
    this.messages = new SensitiveMessages(deps)
  }

  /** Seals and opens sensitive messages' attachments; VAULT_LOCKED while locked. */
  attachmentSealer(): AttachmentSealer {
    this.key()
    return attachmentSealer(() => this.key())
  }

  protected override forgetDecrypted(): void {
    this.entries.clear()
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

  /**
   * Bookkeeping that is not a change the user made (memory suggestions, when a memory was last
   * used): no entryChanged event, so every turn does not add to the continuity log.
   */
  setQuietly(key: string, value: VaultValue, options?: VaultEntryOptions): Promise<VaultEntry> {
    return this.active(() => this.entries.set(key, value, options))
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
    if (!this.unlocked) return []
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

  // ── backups and SDK vaults ───────────────────────────────────────────────────────────────

  /** The encrypted backup JSON of formats/vault.md. Needs no unlock: nothing is decrypted. */
  exportBackup(): Promise<string> {
    return exportBackup(this.store)
  }

  /** A backup file named by path, read for restoreBackup (vaultFiles.ts); needs no unlock. */
  readBackupFile(target: string, shown?: string): Promise<string> {
    return readBackupFile(target, shown)
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

  /**
   * Heads a full backup (docs/backup.md): the vault's key section as stored, and `plain` (the
   * backup's file key) sealed under the data key, so the vault password opens the backup.
   */
  sealForBackup(plain: Buffer, aad: Buffer): Promise<BackupSeal> {
    return this.active(async () => {
      const meta = await this.store.readMeta()
      if (!meta) throw new MirrorError('VAULT_NOT_INITIALIZED', 'There is no vault yet.')
      const { vaultId, kdf, wrappedKey } = meta
      return { vaultId, kdf, wrappedKey, sealed: encrypt(this.key(), plain, aad) }
    })
  }

  /** An SDK vault folder named by path, read for importSdkVault (vaultFiles.ts); needs no unlock. */
  readSdkVaultFolder(target: string, shown?: string): Promise<SdkVaultFile[]> {
    return readSdkVaultFolder(target, shown)
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

  private checkDeps() {
    return { store: this.store, clock: this.clock, key: () => this.key() }
  }
}
