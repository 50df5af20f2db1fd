import { join } from 'node:path'
import { MirrorError } from '../../../shared/errors'
import { INDEX_FILE } from './sdkFormat'
import { errorCode } from './storeFs'
import type { StoreFs } from './storeFs'

export const INDEX_LOCK_FILE = `${INDEX_FILE}.lock`

export interface IndexLockOptions {
  /** Give up after this long (another process holding the lock that long is stuck). */
  timeoutMs?: number
  /** A lock older than this is left over from a crash and is taken over. */
  staleMs?: number
  /** Whether a process id is alive on this machine (tests pass their own). */
  isAlive?: (pid: number) => boolean
}

const DEFAULT_TIMEOUT_MS = 10_000
const DEFAULT_STALE_MS = 30_000
/** A lock file that stays unreadable this long was left half-written by a process that died. */
const UNREADABLE_MS = 1_000

function processIsAlive(pid: number): boolean {
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
 * Runs `task` (read index.json, then rewrite it) while holding `index.json.lock`, so two processes
 * on the same folder (the app and the CLI) never both rewrite the index from the same old copy,
 * which would drop the session the other one just added. The lock is a file created with O_EXCL;
 * one left behind by a process that died is taken over.
 */
export async function withIndexLock<T>(
  fs: StoreFs,
  dir: string,
  task: () => Promise<T>,
  options: IndexLockOptions = {},
): Promise<T> {
  const file = join(dir, INDEX_LOCK_FILE)
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS
  const isAlive = options.isAlive ?? processIsAlive
  const deadline = Date.now() + timeoutMs
  let holder: Holder | null = null
  let unreadableSince: number | null = null
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
          `Cannot lock ${INDEX_FILE} in the JSON store (${errorCode(error) ?? 'error'}); nothing was changed.`,
        )
      }
    }
    holder = await fs.readFile(file).then(parseHolder, () => null)
    const now = Date.now()
    unreadableSince = holder ? null : (unreadableSince ?? now)
    const abandoned = holder
      ? now - holder.at > staleMs || !isAlive(holder.pid)
      : now - unreadableSince! > UNREADABLE_MS
    if (abandoned) {
      await fs.unlink(file).catch(() => undefined)
      continue
    }
    if (Date.now() >= deadline) {
      throw new MirrorError(
        'STORAGE_UNAVAILABLE',
        `${INDEX_FILE} in the JSON store is locked by another program${holder ? ` (process ${holder.pid})` : ''}; nothing was changed. Try again.`,
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
