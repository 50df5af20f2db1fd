import fs from 'node:fs'
import path from 'node:path'
import { EncryptionStatusSchema } from '../../shared/encryption'
import type { EncryptionStatus } from '../../shared/encryption'
import { MirrorError } from '../../shared/errors'
import {
  countPlainAttachmentFiles,
  decryptAttachmentFiles,
  encryptAttachmentFiles,
} from '../attachments/blobConversion'
import type { AtRestCipher } from '../attachments/blobStore'
import { wipe } from '../crypto/wipe'
import { hasOlderCipher, isEncryptedFile } from '../sqlite/cipher'
import { convertDatabaseFile } from '../sqlite/convertFile'
import type { StorageBackendKind } from '../storage/storage'
import {
  createDatabaseKey,
  hasDatabaseKey,
  readWrappedDatabaseKey,
  removeDatabaseKey,
  unwrapDatabaseKey,
} from './databaseKey'
import type { DataKeySealer } from './databaseKey'
import { attachmentsAtRest } from './attachmentsAtRest'
import type { ClosableAtRestCipher } from './attachmentsAtRest'

/** The part of the vault this needs: its state and its data key's sealing. */
export interface HistoryVault extends DataKeySealer {
  readonly unlocked: boolean
  status(): Promise<{ initialized: boolean; vaultId: string | null }>
}

export interface HistoryEncryptionOptions {
  /** Where vault.db and database-key.json live (paths.appFilesDir). */
  dir: string
  storageKind: StorageBackendKind
  /** The SQLite files that hold history: the sessions database and the continuity log. */
  files: readonly string[]
  /** The attachment files' folder (attachments/ beside vault.db): encrypted with the history. */
  attachmentsDir?: string
  vault: HistoryVault
  /** Closes every open history database, runs `convert`, lets them reopen (composition root). */
  suspend(convert: () => Promise<void>): Promise<void>
}

const unsupported = (): MirrorError =>
  new MirrorError(
    'ENCRYPTION_UNSUPPORTED',
    'The JSON folder store cannot be encrypted: its files are read by other tools as they are. ' +
      'Use SQLite storage to encrypt all history.',
  )

const exists = (file: string): boolean => {
  try {
    return fs.statSync(file).size > 0
  } catch {
    return false
  }
}

/**
 * "Encrypt all history": the SQLite files of the history encrypted with one random database key,
 * sealed by the vault's data key (databaseKey.ts). Whether a file is encrypted is read from the
 * file itself, so after a crash half-way through `enable` or `disable` the state is simply what
 * is on disk, and running the command again finishes the job.
 */
export class HistoryEncryption {
  private key: Buffer | null = null
  private fileCipher: ClosableAtRestCipher | null = null

  constructor(private readonly options: HistoryEncryptionOptions) {}

  get supported(): boolean {
    return this.options.storageKind === 'sqlite'
  }

  /** True when any history file is, or is to be created, encrypted: opening needs the vault. */
  get active(): boolean {
    return (
      this.supported &&
      (hasDatabaseKey(this.options.dir) || this.options.files.some((f) => isEncryptedFile(f)))
    )
  }

  /** `encrypted` needs every database encrypted and no attachment file left in plaintext. */
  async status(): Promise<EncryptionStatus> {
    const databases = this.options.files.map((file) => ({
      name: path.basename(file),
      encrypted: isEncryptedFile(file),
      exists: exists(file),
    }))
    const active = this.active
    const attachmentsDir = this.options.attachmentsDir
    const plainFiles =
      active && attachmentsDir ? await countPlainAttachmentFiles(attachmentsDir) : 0
    return EncryptionStatusSchema.parse({
      encrypted:
        active &&
        hasDatabaseKey(this.options.dir) &&
        databases.every((d) => d.encrypted || !d.exists) &&
        plainFiles === 0,
      supported: this.supported,
      storage: this.options.storageKind,
      locked: active && !this.options.vault.unlocked,
      databases,
    })
  }

  /**
   * How plain-id attachment files are stored now: encrypted under a key derived from the database
   * key while encryption is on (VAULT_LOCKED while the vault is locked), as they are otherwise.
   */
  attachmentCipher(): AtRestCipher | null {
    if (!this.active) return null
    this.fileCipher ??= attachmentsAtRest(this.databaseKey())
    return this.fileCipher
  }

  /**
   * The key to open `file` with: for an encrypted file, and for a new one while encryption is on;
   * undefined for a plain file. VAULT_LOCKED while the vault is locked.
   */
  keyFor(file: string): Buffer | undefined {
    if (!this.supported) return undefined
    const encrypted = isEncryptedFile(file)
    if (!encrypted && (exists(file) || !hasDatabaseKey(this.options.dir))) return undefined
    return this.databaseKey()
  }

  /** Wipes the database key (the vault locked). */
  forgetKey(): void {
    this.fileCipher?.wipe()
    this.fileCipher = null
    if (this.key) wipe(this.key)
    this.key = null
  }

  /**
   * Encrypts every history file; those already encrypted are left as they are, unless written in
   * an older layout (SQLCipher 4), which is rewritten in the current one.
   */
  async enable(): Promise<EncryptionStatus> {
    if (!this.supported) throw unsupported()
    const created = !this.hasKeyFile()
    const key = created ? await this.newKey() : this.databaseKey()
    try {
      await this.options.suspend(async () => {
        for (const file of this.options.files) {
          if (exists(file) && !isEncryptedFile(file)) {
            convertDatabaseFile(file, { from: null, to: key })
          } else if (exists(file) && hasOlderCipher(file, key)) {
            // Encrypted before AEGIS pages: rewritten in them (same key), as crash-safely.
            convertDatabaseFile(file, { from: key, to: key })
          }
        }
        // After the databases: a failure there leaves the files as they were.
        const dir = this.options.attachmentsDir
        if (dir) await encryptAttachmentFiles(dir, this.cipherFor(key))
      })
    } catch (error) {
      // Nothing encrypted with a key made just now: leave no trace of the attempt.
      if (created && !this.options.files.some((f) => isEncryptedFile(f))) {
        removeDatabaseKey(this.options.dir)
        this.forgetKey()
      }
      throw error
    }
    return this.status()
  }

  /** Decrypts every history file, then drops the database key. */
  async disable(): Promise<EncryptionStatus> {
    if (!this.supported) throw unsupported()
    if (!this.active) return this.status()
    const key = this.databaseKey()
    await this.options.suspend(async () => {
      for (const file of this.options.files) {
        if (isEncryptedFile(file)) convertDatabaseFile(file, { from: key, to: null })
      }
      // Before the key goes: encrypted attachment files cannot be read without it.
      const dir = this.options.attachmentsDir
      if (dir) await decryptAttachmentFiles(dir, this.cipherFor(key))
      removeDatabaseKey(this.options.dir)
      this.forgetKey()
    })
    return this.status()
  }

  private cipherFor(key: Buffer): AtRestCipher {
    this.fileCipher ??= attachmentsAtRest(key)
    return this.fileCipher
  }

  private hasKeyFile(): boolean {
    return hasDatabaseKey(this.options.dir)
  }

  private databaseKey(): Buffer {
    if (this.key) return this.key
    if (!this.options.vault.unlocked) {
      throw new MirrorError(
        'VAULT_LOCKED',
        'The history is encrypted: unlock the vault (password or this device’s keychain) to open it.',
      )
    }
    const wrapped = readWrappedDatabaseKey(this.options.dir)
    if (!wrapped) {
      throw new MirrorError(
        'ENCRYPTION_KEY_MISSING',
        'The history is encrypted but its database key (database-key.json) is missing; ' +
          'restore it from a backup. Nothing was changed.',
      )
    }
    this.key = unwrapDatabaseKey(this.options.vault, wrapped)
    return this.key
  }

  private async newKey(): Promise<Buffer> {
    const status = await this.options.vault.status()
    if (!status.initialized || !status.vaultId) {
      throw new MirrorError(
        'VAULT_NOT_INITIALIZED',
        'Encrypting the history needs a vault: create one first (its password opens the history).',
      )
    }
    if (!this.options.vault.unlocked) {
      throw new MirrorError(
        'VAULT_LOCKED',
        'Unlock the vault first; its key seals the history’s key.',
      )
    }
    this.key = await createDatabaseKey(this.options.dir, this.options.vault, status.vaultId)
    return this.key
  }
}
