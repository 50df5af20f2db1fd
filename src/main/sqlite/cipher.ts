import fs from 'node:fs'
import { MirrorError } from '../../shared/errors'
import type { Database } from './driver'

/** A database key: 256 random bits, used raw (no passphrase KDF: it is already a random key). */
export const DATABASE_KEY_LENGTH = 32

const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1')

/**
 * True when the file exists with content that does not start with SQLite's plain header and is
 * made of whole pages: an encrypted database (SQLCipher-style files begin with a random salt).
 * Anything else that is not plain SQLite (a text file, a truncated copy) is a damaged database,
 * which opening reports as STORAGE_CORRUPT. The state lives in the file itself, so a conversion
 * killed at any point leaves nothing to reconcile.
 */
/** SQLite's smallest page size: every database file is a whole number of pages. */
const MIN_PAGE_SIZE = 512

export function isEncryptedFile(filePath: string): boolean {
  let fd: number
  try {
    fd = fs.openSync(filePath, 'r')
  } catch {
    return false
  }
  try {
    const header = Buffer.alloc(PLAIN_HEADER.length)
    const read = fs.readSync(fd, header, 0, header.length, 0)
    const wholePages = fs.fstatSync(fd).size % MIN_PAGE_SIZE === 0
    return (
      read > 0 && wholePages && !header.subarray(0, read).equals(PLAIN_HEADER.subarray(0, read))
    )
  } finally {
    fs.closeSync(fd)
  }
}

/** The cipher settings, then the key: SQLCipher 4's format (AES-256-CBC + HMAC-SHA512 pages). */
function cipherPragmas(key: Buffer): string[] {
  if (key.length !== DATABASE_KEY_LENGTH) {
    throw new Error(`A database key must be ${DATABASE_KEY_LENGTH} bytes`)
  }
  return ["cipher = 'sqlcipher'", 'legacy = 4', `key = "x'${key.toString('hex')}'"`]
}

/**
 * Keys a connection that nothing has read yet. A wrong key only shows on the first read, so this
 * reads the schema at once and reports a key that does not open the file as ENCRYPTION_KEY_MISSING.
 */
export function keyDatabase(db: Database, key: Buffer, filePath: string): void {
  for (const pragma of cipherPragmas(key)) db.pragma(pragma)
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get()
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') throw keyMismatch(filePath)
    throw error
  }
}

/** Encrypts (key) or decrypts (null) a database no other connection uses, in place. */
export function rekeyDatabase(db: Database, key: Buffer | null): void {
  if (key) {
    db.pragma("cipher = 'sqlcipher'")
    db.pragma('legacy = 4')
    db.pragma(`rekey = "x'${key.toString('hex')}'"`)
  } else {
    db.pragma("rekey = ''")
  }
}

export const keyMismatch = (filePath: string): MirrorError =>
  new MirrorError(
    'ENCRYPTION_KEY_MISSING',
    `The database ${filePath} is encrypted with a key this vault does not hold; it was left untouched.`,
    { file: filePath },
  )
