import { pbkdf2, randomBytes } from 'node:crypto'
import { KEY_LENGTH } from './envelope'
import { wipe } from './wipe'

export const KDF_NAME = 'PBKDF2-SHA256'
export const DEFAULT_ITERATIONS = 600_000
export const MIN_ITERATIONS = 100_000
/** Refuses absurd counts from a hostile backup file that would hang the app for hours. */
export const MAX_ITERATIONS = 10_000_000
export const SALT_LENGTH = 16

export interface KdfParams {
  name: typeof KDF_NAME
  iterations: number
  salt: Buffer
}

export function newKdfParams(iterations: number = DEFAULT_ITERATIONS): KdfParams {
  assertIterations(iterations)
  return { name: KDF_NAME, iterations, salt: randomBytes(SALT_LENGTH) }
}

export function assertIterations(iterations: number): void {
  if (
    !Number.isSafeInteger(iterations) ||
    iterations < MIN_ITERATIONS ||
    iterations > MAX_ITERATIONS
  ) {
    throw new RangeError(
      `PBKDF2 iterations must be an integer from ${MIN_ITERATIONS} to ${MAX_ITERATIONS}`,
    )
  }
}

/**
 * KEK = PBKDF2-HMAC-SHA256(UTF-8 password, salt, iterations, 32 bytes). Runs on libuv's thread
 * pool (async pbkdf2, never pbkdf2Sync) so the main process keeps painting and answering IPC.
 */
export async function deriveKey(password: string, params: KdfParams): Promise<Buffer> {
  assertIterations(params.iterations)
  if (params.salt.length !== SALT_LENGTH)
    throw new RangeError(`The salt must be ${SALT_LENGTH} bytes`)
  const secret = Buffer.from(password, 'utf8')
  try {
    return await new Promise<Buffer>((resolve, reject) => {
      pbkdf2(secret, params.salt, params.iterations, KEY_LENGTH, 'sha256', (err, key) =>
        err ? reject(err) : resolve(key),
      )
    })
  } finally {
    wipe(secret)
  }
}
