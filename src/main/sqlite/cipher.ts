import fs from 'node:fs'
import { MirrorError } from '../../shared/errors'
import { CURRENT_CIPHER_FORMAT, FORMAT_PRAGMAS, cipherFormatOf } from './cipherFormat'
import type { CipherFormat } from './cipherFormat'
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

/** The layout's settings, then the key (used raw: 64 hex digits, no passphrase KDF). */
function cipherPragmas(key: Buffer, format: CipherFormat, verb: 'key' | 'rekey'): string[] {
  if (key.length !== DATABASE_KEY_LENGTH) {
    throw new Error(`A database key must be ${DATABASE_KEY_LENGTH} bytes`)
  }
  return [...FORMAT_PRAGMAS[format], `${verb} = "x'${key.toString('hex')}'"`]
}

/**
 * Keys a connection that nothing has read yet, in the layout the file has (cipherFormat.ts; a
 * new file gets the current one). A wrong key only shows on the first read, so this reads the
 * schema at once and reports a key that does not open the file as ENCRYPTION_KEY_MISSING.
 */
export function keyDatabase(db: Database, key: Buffer, filePath: string): CipherFormat {
  const format = cipherFormatOf(filePath, key)
  for (const pragma of cipherPragmas(key, format, 'key')) db.pragma(pragma)
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get()
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') throw keyMismatch(filePath)
    throw error
  }
  return format
}

/**
 * Encrypts (key) or decrypts (null) a database no other connection uses, in place; an encrypted
 * one is written in the current layout, whichever it had.
 */
export function rekeyDatabase(db: Database, key: Buffer | null): void {
  if (key) {
    for (const pragma of cipherPragmas(key, CURRENT_CIPHER_FORMAT, 'rekey')) db.pragma(pragma)
  } else {
    db.pragma("rekey = ''")
  }
}

/** True when `file` is encrypted in an older layout than the current one (enable rewrites it). */
export function hasOlderCipher(file: string, key: Buffer): boolean {
  return isEncryptedFile(file) && cipherFormatOf(file, key) !== CURRENT_CIPHER_FORMAT
}

export const keyMismatch = (filePath: string): MirrorError =>
  new MirrorError(
    'ENCRYPTION_KEY_MISSING',
    `The database ${filePath} is encrypted with a key this vault does not hold; it was left untouched.`,
    { file: filePath },
  )
