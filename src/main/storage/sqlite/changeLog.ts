import type { Database, Statement } from '../../sqlite/driver'
import { MAX_CHANGED_IDS } from '../changeFeed'
import type { StorageChange, StorageChangeListener } from '../storage'
import { FOLDERS_CHANGED } from './migrations/0007_folders_and_pins'

/**
 * Reads the session change log (migration 0006) after the last row this connection saw, only
 * when another connection committed since the last look. `check()` costs one `PRAGMA
 * data_version` when nothing changed, whatever the size of the database.
 */
export class SqliteChangeLog {
  private readonly version: Statement<[], number>
  private readonly since: Statement<[number, number], { seq: number; sessionId: string }>
  private readonly newest: Statement<[], number | null>
  private lastVersion: number
  private lastSeq: number

  constructor(db: Database) {
    this.version = db.prepare<[], number>('PRAGMA data_version').pluck()
    this.since = db.prepare(
      'SELECT seq, session_id AS sessionId FROM session_changes WHERE seq > ? ORDER BY seq LIMIT ?',
    )
    this.newest = db.prepare<[], number | null>('SELECT max(seq) FROM session_changes').pluck()
    this.lastVersion = this.version.get() ?? 0
    this.lastSeq = this.newest.get() ?? 0
  }

  /** What changed since the last call, or null when no other connection committed. */
  check(): StorageChange | null {
    const version = this.version.get() ?? 0
    if (version === this.lastVersion) return null
    this.lastVersion = version
    const rows = this.since.all(this.lastSeq, MAX_CHANGED_IDS * 4 + 1)
    const first = rows[0]
    if (!first) return null
    // A gap means the log was trimmed past what we saw; too many rows, that it is a big change.
    const overflow = rows.length > MAX_CHANGED_IDS * 4
    const gap = first.seq !== this.lastSeq + 1
    this.lastSeq = overflow ? (this.newest.get() ?? this.lastSeq) : rows[rows.length - 1]!.seq
    const ids = new Set(rows.map((row) => row.sessionId))
    const folders = ids.delete(FOLDERS_CHANGED)
    const sessionIds = [...ids]
    if (overflow || gap || sessionIds.length > MAX_CHANGED_IDS) {
      return { sessionIds: [], all: true }
    }
    return folders ? { sessionIds, all: false, folders } : { sessionIds, all: false }
  }
}

/** How often an open app asks SQLite whether another process committed. */
export const CHANGE_CHECK_MS = 250

/** Checks the log every `intervalMs` until stopped or the database closes. */
export function watchChangeLog(
  db: Database,
  listener: StorageChangeListener,
  intervalMs = CHANGE_CHECK_MS,
): () => void {
  const log = new SqliteChangeLog(db)
  const timer = setInterval(() => {
    if (!db.open) {
      clearInterval(timer)
      return
    }
    let change: StorageChange | null
    try {
      change = log.check()
    } catch {
      return // Busy or briefly unreadable: the next look reads the same rows.
    }
    if (change) listener(change)
  }, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
