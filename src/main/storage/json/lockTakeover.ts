import { lstat, rmdir, unlink } from 'node:fs/promises'
import { lock } from 'proper-lockfile'
import { errorCode } from '../../fs/storeFs'
import { judgeLegacyLockFile } from './legacyLockFile'

export interface Takeover {
  /** The lock was abandoned and is gone now: try to take it at once. */
  removed: boolean
  /** The process an older version's lock file names, when that is what holds the folder. */
  pid?: number
}

type Remove = (path: string) => Promise<void>

const removed: Takeover = { removed: true }
const held: Takeover = { removed: false }

/** A lock that cannot be removed (a permission, a stray file inside) counts as held. */
function removeWith(remove: Remove, path: string): Promise<Takeover> {
  return remove(path).then(
    () => removed,
    (error: unknown) => (errorCode(error) === 'ENOENT' ? removed : held),
  )
}

/** Whether the lock at `lockPath` is abandoned now: gone, stale, or an older version's left-over. */
async function judge(lockPath: string, staleMs: number): Promise<Takeover & { remove?: Remove }> {
  const stat = await lstat(lockPath).catch(() => null)
  if (!stat) return removed
  if (stat.isDirectory()) {
    return Date.now() - stat.mtimeMs > staleMs
      ? { removed: false, remove: (path) => rmdir(path) }
      : held
  }
  const legacy = await judgeLegacyLockFile(lockPath, stat.mtimeMs)
  if (legacy.abandoned) return { removed: false, remove: unlink }
  return legacy.pid === undefined ? held : { removed: false, pid: legacy.pid }
}

/**
 * Removes the lock at `lockPath` if it was abandoned: a lock directory whose time its holder
 * stopped renewing more than `staleMs` ago (the holder crashed, or was a worker thread that was
 * terminated while its process lives on), or an older version's lock file by that version's rules.
 *
 * proper-lockfile's own takeover stats the lock, then removes it: two waiters that both saw it
 * stale can both remove, the second removing the lock the first just made, and both go on to
 * write. Here a takeover runs under a second, short-lived lock (`<lock>.takeover`) and judges the
 * lock again under it, so a waiter that decided too early finds the new holder's fresh lock and
 * leaves it alone.
 */
export async function removeIfAbandoned(lockPath: string, staleMs: number): Promise<Takeover> {
  const first = await judge(lockPath, staleMs)
  if (!first.remove) return first
  let releaseGuard: () => Promise<void>
  try {
    // Keyed by lockPath, not by the file the folder lock is keyed by: proper-lockfile keeps one
    // entry per key and thread, and the folder lock may be ours in this thread.
    releaseGuard = await lock(lockPath, {
      lockfilePath: `${lockPath}.takeover`,
      realpath: false,
      stale: staleMs,
      onCompromised: () => undefined,
    })
  } catch {
    // Another waiter is taking over (or the folder refuses even that): wait like for a holder.
    return held
  }
  try {
    const again = await judge(lockPath, staleMs)
    return again.remove ? await removeWith(again.remove, lockPath) : again
  } finally {
    await releaseGuard().catch(() => undefined)
  }
}
