import { join } from 'node:path'
import type { StorageProblem } from '../storage'
import { INDEX_FILE, isSafeSessionId, sessionFileName } from './sdkFormat'
import { SIDECAR_DIR } from './sessionSidecar'
import { addSession, messageClash, readSessionFile } from './storeLoader'
import type { StoreState } from './storeLoader'
import { errorCode } from '../../fs/storeFs'
import type { StoreFs } from '../../fs/storeFs'

/** `<name>.<pid>.<hex>.tmp` as atomicWrite names its temp files (after the leading dot). */
const TEMP_FILE = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/
/** A delete in progress: the session file renamed aside before index.json drops it. */
const DELETING = /^\.(.+)\.json\.deleting$/
/** No write takes this long: a temp file this old is garbage even if its pid was reused. */
const TEMP_MAX_AGE_MS = 60 * 60_000
/** A temp file of a dead process is left this long, in case the pid is another machine's. */
const TEMP_DEAD_AGE_MS = 60_000

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return errorCode(error) === 'EPERM'
  }
}

export function deletingFileName(id: string): string {
  return `.${sessionFileName(id)}.deleting`
}

export interface MaintenanceOptions {
  isAlive?: (pid: number) => boolean
  now?: () => number
}

/** Removes temp files that a crashed writer left behind (never one a live write may still use). */
export async function removeStrayTempFiles(
  fs: StoreFs,
  dir: string,
  options: MaintenanceOptions = {},
): Promise<string[]> {
  const isAlive = options.isAlive ?? processIsAlive
  const now = (options.now ?? Date.now)()
  const removed: string[] = []
  for (const folder of [dir, join(dir, SIDECAR_DIR)]) {
    for (const name of await fs.list(folder)) {
      const match = TEMP_FILE.exec(name)
      if (!match) continue
      const pid = Number(match[1])
      const stamp = await fs.stamp(join(folder, name)).catch(() => null)
      if (!stamp) continue
      const age = now - stamp.mtimeMs
      const orphaned = pid !== process.pid && !isAlive(pid) && age > TEMP_DEAD_AGE_MS
      if (!orphaned && age <= TEMP_MAX_AGE_MS) continue
      await fs.unlink(join(folder, name)).then(
        () => removed.push(name),
        () => undefined,
      )
    }
  }
  return removed
}

export interface Reconciled {
  /** The index's session list after finishing deletes and adding unlisted sessions. */
  sessions: string[]
  reindexed: string[]
  problems: StorageProblem[]
}

/**
 * Brings index.json in line with the session files (run under the store lock, with the index
 * just read): finishes deletes a crash interrupted, and lists session files that are on disk but
 * missing from the index (a crash between file and index, or an SDK that rewrote the index from
 * an old copy). Files that cannot be used are reported, never listed or touched.
 */
export async function reconcileIndex(
  fs: StoreFs,
  dir: string,
  state: StoreState,
  listed: readonly string[],
): Promise<Reconciled> {
  const names = await fs.list(dir)
  const onDisk = new Set(names)
  let sessions = [...listed]
  for (const name of names) {
    const id = DELETING.exec(name)?.[1]
    if (id === undefined) continue
    if (!onDisk.has(sessionFileName(id))) sessions = sessions.filter((x) => x !== id)
    await fs.unlink(join(dir, name)).catch(() => undefined)
  }
  const known = new Set(sessions)
  const reindexed: string[] = []
  const problems: StorageProblem[] = []
  for (const name of names) {
    if (!name.endsWith('.json') || name === INDEX_FILE) continue
    const id = name.slice(0, -'.json'.length)
    if (known.has(id) || !isSafeSessionId(id)) continue
    const read = await readSessionFile(fs, dir, id)
    const unusable = read.ok ? messageClash(state, id, read.record) : read.reason
    if (unusable === null) {
      addSession(state, id, read)
      sessions.push(id)
      reindexed.push(id)
    } else {
      problems.push({ location: name, reason: `not in ${INDEX_FILE}, and ${unusable}` })
    }
  }
  return { sessions, reindexed, problems }
}
