import Database from '../../sqlite/driver'
import type { Database as Db } from '../../sqlite/driver'
import { MirrorError } from '../../../shared/errors'
import { checkDatabaseFile, corruptFile } from '../../sqlite/fileCheck'
import { assertNotNewer, schemaVersion } from './migrate'
import { toMirrorError } from '../../sqlite/sqliteErrors'
import { nativeBindingOption } from '../../sqlite/nativeBinding'
import { keyDatabase } from '../../sqlite/cipher'

export interface OpenDatabaseOptions {
  /**
   * Path to a better_sqlite3.node built for the running ABI. Electron builds pass the copy that
   * @electron/rebuild wrote to native/electron/ (docs/storage.md); Node uses the default.
   */
  nativeBinding?: string
  /**
   * The database key (sqlite/cipher.ts) when the file is encrypted or is to be created encrypted;
   * absent for a plain file.
   */
  key?: Buffer
  /** How long a write waits for another process's lock before STORAGE_BUSY. Default 5000. */
  busyTimeoutMs?: number
}

/**
 * Opens (or creates) an ActiveMirror database: checks the file before SQLite writes anything,
 * refuses foreign or newer databases unchanged, then sets WAL, busy_timeout, foreign keys and
 * synchronous NORMAL. Migrations are the caller's next step.
 */
export function openDatabase(filePath: string, options: OpenDatabaseOptions = {}): Db {
  checkDatabaseFile(filePath, { encrypted: options.key !== undefined })
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000
  let db: Db
  try {
    db = new Database(filePath, {
      timeout: busyTimeoutMs,
      ...nativeBindingOption(options.nativeBinding),
    })
  } catch (error) {
    const mapped = toMirrorError(error, filePath)
    if (mapped instanceof MirrorError) throw mapped
    throw new MirrorError('STORAGE_UNAVAILABLE', `The database ${filePath} cannot be opened.`, {
      file: filePath,
      reason: error instanceof Error ? error.message : String(error),
    })
  }

  try {
    if (options.key) keyDatabase(db, options.key, filePath)
    // Read-only probes first: nothing below writes until the file is known to be ours.
    const tables = db
      .prepare("SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'")
      .pluck()
      .get() as number
    if (schemaVersion(db) === 0 && tables > 0) {
      throw corruptFile(filePath, 'it holds tables that are not ActiveMirror’s')
    }
    assertNotNewer(db, filePath)

    db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`)
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    return db
  } catch (error) {
    db.close()
    throw toMirrorError(error, filePath)
  }
}
