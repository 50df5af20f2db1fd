import { createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto'
import fs from 'node:fs'

/**
 * How an encrypted history file is laid out (docs/security.md "Data at rest"):
 * - `aegis`: AEGIS-256 pages (SQLite3 Multiple Ciphers), what every file is encrypted in now;
 * - `sqlcipher4`: SQLCipher 4 pages (AES-256-CBC + HMAC-SHA512), what files encrypted before
 *   were written in. They stay readable and writable as they are; turning encryption on again
 *   rewrites them as `aegis` (HistoryEncryption.enable).
 */
export type CipherFormat = 'aegis' | 'sqlcipher4'

export const CURRENT_CIPHER_FORMAT: CipherFormat = 'aegis'

/** The pragmas that select each layout. AEGIS's variant is not stored in the file: pinned here. */
export const FORMAT_PRAGMAS: Readonly<Record<CipherFormat, readonly string[]>> = {
  aegis: ["cipher = 'aegis'", 'algorithm = 4'],
  sqlcipher4: ["cipher = 'sqlcipher'", 'legacy = 4'],
}

// SQLCipher 4's page 1: salt (16), ciphertext, IV (16), HMAC-SHA512 (64) of ciphertext, IV and
// the page number (4 bytes, little-endian), in pages of 4096 bytes. Its HMAC key is PBKDF2-
// HMAC-SHA512 of the raw key over the salt XOR 0x3a, 2 iterations.
const PAGE = 4096
const SALT = 16
const HMAC = 64
const HMAC_SALT_MASK = 0x3a
const FAST_KDF_ITERATIONS = 2

/**
 * Which layout `file` (an encrypted history file) has, read from its first page without SQLite:
 * `sqlcipher4` when that page authenticates as SQLCipher 4 under `key`, else `aegis` (also for a
 * file not written yet). Deciding before SQLite opens it means no connection ever reads the
 * file, or replays its write-ahead log, under the wrong layout.
 */
export function cipherFormatOf(file: string, key: Buffer): CipherFormat {
  let page: Buffer
  try {
    const fd = fs.openSync(file, 'r')
    try {
      page = Buffer.alloc(PAGE)
      if (fs.readSync(fd, page, 0, PAGE, 0) < PAGE) return CURRENT_CIPHER_FORMAT
    } finally {
      fs.closeSync(fd)
    }
  } catch {
    return CURRENT_CIPHER_FORMAT
  }
  const salt = page.subarray(0, SALT)
  const hmacSalt = Buffer.from(salt.map((byte) => byte ^ HMAC_SALT_MASK))
  const hmacKey = pbkdf2Sync(key, hmacSalt, FAST_KDF_ITERATIONS, 32, 'sha512')
  const pageNumber = Buffer.alloc(4)
  pageNumber.writeUInt32LE(1)
  const signed = page.subarray(SALT, PAGE - HMAC)
  const expected = createHmac('sha512', hmacKey).update(signed).update(pageNumber).digest()
  hmacKey.fill(0)
  const stored = page.subarray(PAGE - HMAC)
  return timingSafeEqual(expected, stored) ? 'sqlcipher4' : 'aegis'
}
