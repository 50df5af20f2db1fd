import { createDecipheriv, createHmac, pbkdf2, timingSafeEqual } from 'node:crypto'
import { wipe } from '../../crypto/wipe'

/**
 * The two ciphers of the ActiveMirrorOS SDK vaults (docs/vault.md, "SDK vaults"), decryption only.
 * Both derive one 32-byte key from the password with a fixed salt; neither has a key check, so a
 * wrong password shows only as a failed tag (JavaScript) or HMAC (Python) on every file.
 */
export const SDK_SALT = 'activemirror_vault'
export const SDK_ITERATIONS = 100_000
const SDK_KEY_LENGTH = 32

/** What opening one file gave: the plaintext, a failed authentication, or a file of the wrong shape. */
export type Opened =
  { ok: true; plaintext: Buffer } | { ok: false; failure: 'auth' | 'malformed'; reason: string }

const authFailed: Opened = {
  ok: false,
  failure: 'auth',
  reason: 'it failed its integrity check (altered, or encrypted with another password)',
}
const malformed = (reason: string): Opened => ({ ok: false, failure: 'malformed', reason })

/** PBKDF2-HMAC-SHA256(UTF-8 password, "activemirror_vault", 100 000, 32), off the main thread. */
export async function deriveSdkKey(password: string): Promise<Buffer> {
  const secret = Buffer.from(password, 'utf8')
  try {
    return await new Promise<Buffer>((resolve, reject) => {
      pbkdf2(secret, SDK_SALT, SDK_ITERATIONS, SDK_KEY_LENGTH, 'sha256', (err, key) =>
        err ? reject(err) : resolve(key),
      )
    })
  } finally {
    wipe(secret)
  }
}

// ── JavaScript SDK: AES-256-GCM, iv (16) ‖ tag (16) ‖ ciphertext ────────────────────────────

const JS_IV = 16
const JS_TAG = 16

export function openJsSdkFile(key: Buffer, data: Buffer): Opened {
  if (data.length < JS_IV + JS_TAG) return malformed('it is too short to be an SDK vault file')
  const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, JS_IV), {
    authTagLength: JS_TAG,
  })
  decipher.setAuthTag(data.subarray(JS_IV, JS_IV + JS_TAG))
  try {
    const plaintext = Buffer.concat([
      decipher.update(data.subarray(JS_IV + JS_TAG)),
      decipher.final(),
    ])
    return { ok: true, plaintext }
  } catch {
    return authFailed
  }
}

// ── Python SDK: Fernet (0x80 ‖ time (8) ‖ iv (16) ‖ AES-128-CBC ciphertext ‖ HMAC-SHA256 (32)) ──

const FERNET_VERSION = 0x80
const FERNET_HEADER = 1 + 8 + 16
const FERNET_HMAC = 32
const AES_BLOCK = 16
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/

/** The token's bytes when `data` is URL-safe base64 of a Fernet token, else null. */
function fernetBytes(data: Buffer): Buffer | null {
  const text = data.toString('latin1').trim()
  if (!BASE64URL.test(text)) return null
  const bytes = Buffer.from(text, 'base64url')
  return bytes[0] === FERNET_VERSION ? bytes : null
}

/** True when `data` has a Fernet token's shape (how a Python SDK file is told from a JS one). */
export function looksLikeFernet(data: Buffer): boolean {
  return fernetBytes(data) !== null
}

/** Verifies the HMAC first (constant time), then decrypts; the key is the 32 PBKDF2 bytes. */
export function openFernetToken(key: Buffer, data: Buffer): Opened {
  const token = fernetBytes(data)
  if (!token) return malformed('it is not a Fernet token')
  const bodyLength = token.length - FERNET_HEADER - FERNET_HMAC
  if (bodyLength < AES_BLOCK || bodyLength % AES_BLOCK !== 0) {
    return malformed('its Fernet token has the wrong length')
  }
  const signed = token.subarray(0, token.length - FERNET_HMAC)
  const expected = createHmac('sha256', key.subarray(0, 16)).update(signed).digest()
  if (!timingSafeEqual(expected, token.subarray(token.length - FERNET_HMAC))) return authFailed
  const decipher = createDecipheriv('aes-128-cbc', key.subarray(16, 32), token.subarray(9, 25))
  try {
    const body = token.subarray(FERNET_HEADER, token.length - FERNET_HMAC)
    return { ok: true, plaintext: Buffer.concat([decipher.update(body), decipher.final()]) }
  } catch {
    // Only someone holding the key could sign bad padding: the file is broken, not the password.
    return malformed('its Fernet token has bad padding')
  }
}
