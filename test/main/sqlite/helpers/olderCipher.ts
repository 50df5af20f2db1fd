import Database from 'better-sqlite3-multiple-ciphers'
import { keyDatabase } from '../../../../src/main/sqlite/cipher'

/**
 * Rewrites an encrypted history file (closed everywhere) in SQLCipher 4 pages, the layout files
 * encrypted before AEGIS have: what an existing user's disk holds.
 */
export function toSqlCipher4(file: string, key: Buffer): void {
  const db = new Database(file)
  try {
    keyDatabase(db, key, file)
    db.pragma('journal_mode = DELETE')
    db.pragma("cipher = 'sqlcipher'")
    db.pragma('legacy = 4')
    db.pragma(`rekey = "x'${key.toString('hex')}'"`)
  } finally {
    db.close()
  }
}
