import { join } from 'node:path'
import { lock } from 'proper-lockfile'
import { MirrorError } from '../../../shared/errors'
import { INDEX_FILE } from './sdkFormat'
import { errorCode } from '../../fs/storeFs'
import { removeIfAbandoned } from './lockTakeover'

/**
 * One lock for every write to the folder: a directory (mkdir is atomic, also on network
 * folders), at the name older versions gave their lock file, so they and we still exclude each
 * other (see legacyLockFile.ts for how we treat theirs).
 */
export const STORE_LOCK_FILE = `${INDEX_FILE}.lock`

/**
 * A lock whose time its holder has not renewed for this long is abandoned and taken over. Not a
 * pid check: the core may run in a worker thread that is terminated and restarted inside a
 * process that lives on. A live holder renews every second, so only an event loop or disk stalled
 * for four seconds could lose it; a crashed one delays other writers by at most this.
 */
export const STORE_LOCK_STALE_MS = 5_000
/** How often a holder renews its lock's time (proper-lockfile allows no less). */
const UPDATE_MS = 1_000
const DEFAULT_TIMEOUT_MS = 10_000
/**
 * proper-lockfile's own takeover is not safe with several waiters (see lockTakeover.ts), so it is
 * told that no lock ever goes stale and takeovers go through removeIfAbandoned.
 */
const NEVER_STALE = Number.POSITIVE_INFINITY

export interface StoreLockOptions {
  /** Give up after this long (another process holding the lock that long is stuck). */
  timeoutMs?: number
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

async function acquire(dir: string, timeoutMs: number): Promise<() => Promise<void>> {
  const lockPath = join(dir, STORE_LOCK_FILE)
  const deadline = Date.now() + timeoutMs
  for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
    try {
      return await lock(join(dir, INDEX_FILE), {
        lockfilePath: lockPath,
        // index.json may not exist yet; the lock does not need it to.
        realpath: false,
        stale: NEVER_STALE,
        update: UPDATE_MS,
        // The default throws from a timer, killing the process. A holder only loses its lock
        // after stalling past the stale limit; its release then leaves the new holder's alone.
        onCompromised: () => undefined,
      })
    } catch (error) {
      if (errorCode(error) !== 'ELOCKED') {
        throw new MirrorError(
          'STORAGE_UNAVAILABLE',
          `Cannot lock the JSON store (${errorCode(error) ?? 'error'}); nothing was changed.`,
        )
      }
    }
    const takeover = await removeIfAbandoned(lockPath, STORE_LOCK_STALE_MS)
    if (takeover.removed) continue
    if (Date.now() >= deadline) {
      const holder = takeover.pid === undefined ? '' : ` (process ${takeover.pid})`
      throw new MirrorError(
        'STORAGE_UNAVAILABLE',
        `The JSON store is locked by another program${holder}; nothing was changed. Try again.`,
      )
    }
    await sleep(wait)
  }
}

/**
 * Runs `task` while holding the folder's lock, so processes and threads on the same folder (the
 * app, the browser host, the CLI) change it one at a time: each re-reads what it changes under
 * the lock, so none writes back a copy another has outdated. The holder renews the lock's time
 * while the task runs; a lock nobody renews any more is taken over.
 */
export async function withStoreLock<T>(
  dir: string,
  task: () => Promise<T>,
  options: StoreLockOptions = {},
): Promise<T> {
  const release = await acquire(dir, options.timeoutMs ?? DEFAULT_TIMEOUT_MS)
  try {
    return await task()
  } finally {
    await release().catch(() => undefined)
  }
}
