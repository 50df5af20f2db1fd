import { join } from 'node:path'
import { MirrorError } from '../../../shared/errors'
import { INDEX_FILE } from './sdkFormat'
import { errorCode } from '../../fs/storeFs'
import type { StoreFs } from '../../fs/storeFs'

/** One lock for every write to the folder (the name older versions used for index writes). */
export const STORE_LOCK_FILE = `${INDEX_FILE}.lock`

export interface StoreLockOptions {
  /** Give up after this long (another process holding the lock that long is stuck). */
  timeoutMs?: number
  /** A lock older than this is left over from a crash and is taken over. */
  staleMs?: number
  /** Whether a process id is alive on this machine (tests pass their own). */
  isAlive?: (pid: number) => boolean
}

const DEFAULT_TIMEOUT_MS = 10_000
const DEFAULT_STALE_MS = 30_000
/**
 * A holder writes its pid the moment it creates the lock, so a lock file that has been empty or
 * unreadable since longer ago than this was left half-written by a process that died.
 */
const UNREADABLE_MS = 1_000

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return errorCode(error) === 'EPERM'
  }
}

interface Holder {
  pid: number
  at: number
}

function parseHolder(text: string): Holder | null {
  try {
    const value = JSON.parse(text) as Partial<Holder>
    return typeof value.pid === 'number' && typeof value.at === 'number'
      ? { pid: value.pid, at: value.at }
      : null
  } catch {
    return null
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Whether the lock file's holder is gone: its process died, it is older than `staleMs`, or the
 * file stayed unreadable (judged by its own mtime, so nobody waits to find that out).
 */
async function lockIsAbandoned(
  fs: StoreFs,
  file: string,
  options: StoreLockOptions = {},
): Promise<{ abandoned: boolean; holder: Holder | null }> {
  const holder = await fs.readFile(file).then(parseHolder, () => null)
  const now = Date.now()
  if (holder) {
    const staleMs = options.staleMs ?? DEFAULT_STALE_MS
    const isAlive = options.isAlive ?? processIsAlive
    return { abandoned: now - holder.at > staleMs || !isAlive(holder.pid), holder }
  }
  const stamp = await fs.stamp(file).catch(() => null)
  return { abandoned: stamp !== null && now - stamp.mtimeMs > UNREADABLE_MS, holder }
}

/**
 * Runs `task` while holding the folder's lock, so processes on the same folder (the app, the
 * browser host, the CLI) change it one at a time: each re-reads what it changes under the lock,
 * so none writes back a copy another has outdated. The lock is a file created with O_EXCL; one
 * left behind by a process that died is taken over.
 */
export async function withStoreLock<T>(
  fs: StoreFs,
  dir: string,
  task: () => Promise<T>,
  options: StoreLockOptions = {},
): Promise<T> {
  const file = join(dir, STORE_LOCK_FILE)
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const deadline = Date.now() + timeoutMs
  for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
    try {
      await fs.writeNewFileSynced(file, JSON.stringify({ pid: process.pid, at: Date.now() }))
      break
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') {
        // Created but not written (a full disk): ours, so it must not block everyone else.
        await fs.unlink(file).catch(() => undefined)
        throw new MirrorError(
          'STORAGE_UNAVAILABLE',
          `Cannot lock the JSON store (${errorCode(error) ?? 'error'}); nothing was changed.`,
        )
      }
    }
    const { abandoned, holder } = await lockIsAbandoned(fs, file, options)
    if (abandoned) {
      await fs.unlink(file).catch(() => undefined)
      continue
    }
    if (Date.now() >= deadline) {
      throw new MirrorError(
        'STORAGE_UNAVAILABLE',
        `The JSON store is locked by another program${holder ? ` (process ${holder.pid})` : ''}; nothing was changed. Try again.`,
      )
    }
    await sleep(wait)
  }
  try {
    return await task()
  } finally {
    await fs.unlink(file).catch(() => undefined)
  }
}
