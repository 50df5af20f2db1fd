import fs from 'node:fs'
import path from 'node:path'
import Database from '../sqlite/driver'
import type { Database as Db, Transaction } from '../sqlite/driver'
import { MirrorError } from '../../shared/errors'
import type { Sealed } from '../crypto/envelope'
import type { KdfParams } from '../crypto/kdf'
import { assertNotNewer, runMigrations } from '../sqlite/migrate'
import { toMirrorError } from '../sqlite/sqliteErrors'
import type {
  LockoutState,
  QuarantineItem,
  RecordKind,
  StoredRecord,
  VaultMeta,
  VaultRecordStore,
} from './recordStore'
import { VAULT_MIGRATIONS } from './vaultMigrations'
import { toMeta, toRecord } from './vaultRows'
import type { MetaRow, RecordRow } from './vaultRows'
import { nativeBindingOption } from '../sqlite/nativeBinding'

export const VAULT_FILE_NAME = 'vault.db'

export interface OpenVaultStoreOptions {
  /** better_sqlite3.node for the running ABI (Electron); Node uses the default. */
  nativeBinding?: string
  busyTimeoutMs?: number
}

/** Opens (creating when missing) `<dir>/vault.db`: WAL, busy_timeout, secure_delete, migrated. */
export function openVaultStore(dir: string, options: OpenVaultStoreOptions = {}): VaultRecordStore {
  const file = path.join(dir, VAULT_FILE_NAME)
  const busyTimeoutMs = Math.trunc(options.busyTimeoutMs ?? 5000)
  let db: Db
  try {
    fs.mkdirSync(dir, { recursive: true })
    // Owner-only from the first byte; SQLite gives -wal and -shm the same mode.
    if (!fs.existsSync(file)) fs.writeFileSync(file, '', { mode: 0o600, flag: 'wx' })
    db = new Database(file, {
      timeout: busyTimeoutMs,
      ...nativeBindingOption(options.nativeBinding),
    })
  } catch (error) {
    throw asMirrorError(error, file)
  }
  try {
    // Before any pragma that writes: a newer app's file is refused untouched.
    assertNotNewer(db, file, VAULT_MIGRATIONS)
    db.pragma(`busy_timeout = ${busyTimeoutMs}`)
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    // Freed pages (deleted records, old wrapped keys) are overwritten with zeros, not left behind.
    db.pragma('secure_delete = ON')
    runMigrations(db, VAULT_MIGRATIONS, { fileName: file })
  } catch (error) {
    db.close()
    throw asMirrorError(error, file)
  }
  return new SqliteVaultStore(db, file)
}

function asMirrorError(error: unknown, file: string): unknown {
  const mapped = toMirrorError(error, file)
  if (mapped instanceof MirrorError) return mapped
  return new MirrorError('STORAGE_UNAVAILABLE', `The vault file ${file} cannot be opened.`, {
    file,
    reason: error instanceof Error ? error.message : String(error),
  })
}

class SqliteVaultStore implements VaultRecordStore {
  private readonly statements
  // Built once: better-sqlite3's transaction() wrapper is not free to create per call.
  private readonly putTx: Transaction<(records: readonly StoredRecord[]) => void>
  private readonly deleteTx: Transaction<(ids: readonly string[]) => number>
  private readonly quarantineTx: Transaction<
    (items: readonly QuarantineItem[], at: string) => number
  >

  constructor(
    private readonly db: Db,
    private readonly file: string,
  ) {
    this.statements = {
      meta: db.prepare<[], MetaRow>('SELECT * FROM vault_meta WHERE singleton = 1'),
      insertMeta: db.prepare(
        `INSERT INTO vault_meta (singleton, vault_id, kdf_name, kdf_iterations, kdf_salt, wrap_iv,
           wrap_ciphertext, wrap_tag, key_check, created_at)
         VALUES (1, @vaultId, @kdfName, @iterations, @salt, @iv, @ciphertext, @tag, @keyCheck, @createdAt)`,
      ),
      replaceKey: db.prepare(
        `UPDATE vault_meta SET kdf_name = @kdfName, kdf_iterations = @iterations, kdf_salt = @salt,
           wrap_iv = @iv, wrap_ciphertext = @ciphertext, wrap_tag = @tag
         WHERE singleton = 1 AND vault_id = @vaultId`,
      ),
      remembered: db.prepare<[], number>('SELECT remembered FROM vault_meta').pluck(),
      setRemembered: db.prepare('UPDATE vault_meta SET remembered = ?'),
      lockout: db.prepare<[], { failures: number; retryAt: number }>(
        'SELECT failed_unlocks AS failures, retry_at AS retryAt FROM vault_meta',
      ),
      setLockout: db.prepare(
        'UPDATE vault_meta SET failed_unlocks = @failures, retry_at = @retryAt',
      ),
      get: db.prepare<[string], RecordRow>('SELECT * FROM vault_records WHERE id = ?'),
      all: db.prepare<[], RecordRow>('SELECT * FROM vault_records ORDER BY rowid'),
      byKind: db.prepare<[string], RecordRow>(
        'SELECT * FROM vault_records WHERE kind = ? ORDER BY rowid',
      ),
      put: db.prepare(
        `INSERT INTO vault_records (id, kind, iv, ciphertext, tag, updated_at)
         VALUES (@id, @kind, @iv, @ciphertext, @tag, @updatedAt)
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, iv = excluded.iv,
           ciphertext = excluded.ciphertext, tag = excluded.tag, updated_at = excluded.updated_at`,
      ),
      delete: db.prepare<[string]>('DELETE FROM vault_records WHERE id = ?'),
      toQuarantine: db.prepare(
        `INSERT INTO vault_quarantine (id, kind, iv, ciphertext, tag, updated_at, reason, quarantined_at)
         SELECT id, kind, iv, ciphertext, tag, updated_at, @reason, @at FROM vault_records
         WHERE id = @id AND iv IS @iv`,
      ),
      deleteVersion: db.prepare('DELETE FROM vault_records WHERE id = @id AND iv IS @iv'),
      dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
      // One statement, one read of the file: the record and the change token of the same state.
      getWithToken: db.prepare<[string], Partial<RecordRow> & { token: number }>(
        `SELECT r.*, v.data_version AS token
         FROM pragma_data_version() AS v LEFT JOIN vault_records AS r ON r.id = ?`,
      ),
      count: db.prepare<[], number>('SELECT count(*) FROM vault_records').pluck(),
      countKind: db
        .prepare<[string], number>('SELECT count(*) FROM vault_records WHERE kind = ?')
        .pluck(),
    }
    this.putTx = db.transaction((records) => this.putAll(records))
    this.deleteTx = db.transaction((ids) =>
      ids.reduce((n, id) => n + this.statements.delete.run(id).changes, 0),
    )
    this.quarantineTx = db.transaction((items, at) =>
      items.reduce((n, { record, reason }) => {
        const version = { id: record.id, iv: record.iv }
        if (this.statements.toQuarantine.run({ ...version, reason, at }).changes === 0) return n
        return n + this.statements.deleteVersion.run(version).changes
      }, 0),
    )
  }

  private run<T>(op: () => T): Promise<T> {
    try {
      return Promise.resolve(op())
    } catch (error) {
      return Promise.reject(asMirrorError(error, this.file))
    }
  }

  private putAll(records: readonly StoredRecord[]): void {
    for (const r of records) {
      this.statements.put.run({
        id: r.id,
        kind: r.kind,
        iv: r.iv,
        ciphertext: r.ciphertext,
        tag: r.tag,
        updatedAt: r.updatedAt,
      })
    }
  }

  readMeta(): Promise<VaultMeta | null> {
    return this.run(() => {
      const row = this.statements.meta.get()
      return row ? toMeta(row) : null
    })
  }

  create(meta: VaultMeta, records: readonly StoredRecord[]): Promise<void> {
    return this.run(() =>
      this.db
        .transaction(() => {
          if (this.statements.meta.get()) {
            throw new MirrorError(
              'VALIDATION_FAILED',
              'A vault already exists here; nothing was changed.',
            )
          }
          this.statements.insertMeta.run({
            vaultId: meta.vaultId,
            kdfName: meta.kdf.name,
            iterations: meta.kdf.iterations,
            salt: meta.kdf.salt,
            ...meta.wrappedKey,
            keyCheck: meta.keyCheck,
            createdAt: meta.createdAt,
          })
          this.putAll(records)
        })
        .immediate(),
    )
  }

  replaceKey(vaultId: string, kdf: KdfParams, wrappedKey: Sealed): Promise<void> {
    return this.run(() => {
      const changed = this.statements.replaceKey.run({
        vaultId,
        kdfName: kdf.name,
        iterations: kdf.iterations,
        salt: kdf.salt,
        ...wrappedKey,
      }).changes
      if (changed !== 1) throw new MirrorError('VAULT_NOT_INITIALIZED', 'The vault is not set up.')
    })
  }

  readRemembered(): Promise<boolean> {
    return this.run(() => this.statements.remembered.get() === 1)
  }

  writeRemembered(on: boolean): Promise<void> {
    return this.run(() => void this.statements.setRemembered.run(on ? 1 : 0))
  }

  readLockout(): Promise<LockoutState> {
    return this.run(() => this.statements.lockout.get() ?? { failures: 0, retryAt: 0 })
  }

  writeLockout(state: LockoutState): Promise<void> {
    return this.run(() => void this.statements.setLockout.run(state))
  }

  getRecord(id: string): Promise<StoredRecord | null> {
    return this.run(() => {
      const row = this.statements.get.get(id)
      return row ? toRecord(row) : null
    })
  }

  listRecords(kind?: RecordKind): Promise<StoredRecord[]> {
    return this.run(() =>
      (kind ? this.statements.byKind.all(kind) : this.statements.all.all()).map(toRecord),
    )
  }

  countRecords(kind?: RecordKind): Promise<number> {
    return this.run(() =>
      kind ? (this.statements.countKind.get(kind) ?? 0) : (this.statements.count.get() ?? 0),
    )
  }

  putRecords(records: readonly StoredRecord[]): Promise<void> {
    return this.run(() => this.putTx.immediate(records))
  }

  deleteRecords(ids: readonly string[]): Promise<number> {
    return this.run(() => this.deleteTx.immediate(ids))
  }

  quarantineRecords(items: readonly QuarantineItem[], at: string): Promise<number> {
    return this.run(() => this.quarantineTx.immediate(items, at))
  }

  snapshot(): Promise<{ meta: VaultMeta; records: StoredRecord[] } | null> {
    return this.run(() =>
      this.db.transaction(() => {
        const row = this.statements.meta.get()
        if (!row) return null
        return { meta: toMeta(row), records: this.statements.all.all().map(toRecord) }
      })(),
    )
  }

  /** `getRecord` and `changeToken` read together, in one statement. */
  getRecordWithToken(id: string): Promise<{ record: StoredRecord | null; token: number }> {
    return this.run(() => {
      const { token, ...row } = this.statements.getWithToken.get(id)!
      return { record: row.id ? toRecord(row as RecordRow) : null, token }
    })
  }

  changeToken(): Promise<number> {
    return this.run(() => this.statements.dataVersion.get() ?? 0)
  }

  close(): Promise<void> {
    return this.run(() => {
      if (this.db.open) this.db.close()
    })
  }
}
