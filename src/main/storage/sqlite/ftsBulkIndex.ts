import type { Database } from '../../sqlite/driver'
import { prepared } from './statements'

/**
 * Bulk writes (imports) index their messages and session titles without FTS5's own merging, then
 * merge in bounded steps, so one write transaction never holds the database for an unbounded
 * merge.
 *
 * FTS5 writes a transaction's new index entries as one new segment when the transaction ends,
 * then merges segments: "automerge" when a level holds 4, a "crisis merge" of all of them at 16.
 * On a large index such a merge rewrites megabytes (the 1-, 2- and 3-character prefix indexes
 * hold most messages each) and held imports' write locks for 250–350 ms. Here, inside the
 * import's own transaction: automerge is off while the batch is indexed; a savepoint makes FTS5
 * write the batch's segment right then (it flushes pending entries at every savepoint); automerge
 * is set back before the commit, which has nothing left to write and so merges nothing. The
 * setting never outlives the transaction: other connections, and this file after a crash, keep
 * the default. Merging then goes on in steps of MERGE_STEP_PAGES, while the transaction is
 * younger than its budget, `usermerge` segments of a level at a time.
 */
const AUTOMERGE_DEFAULT = 4
const USERMERGE_DEFAULT = 4
/** Segments merged at once by the steps: twice FTS5's default, half the passes over the data. */
const USERMERGE = 8
/**
 * A bulk write merges while its transaction is younger than this: with the batch's own writes
 * (30–50 ms for 500 messages) the lock stays well under 100 ms.
 */
const BULK_MERGE_BUDGET_MS = 45
/** Pages written per merge step: about 5–25 ms on a 2-core machine. */
const MERGE_STEP_PAGES = 64

/** The FTS5 indexes an import writes to: message text, and session titles (trigrams). */
const INDEXES = ['messages_fts', 'session_titles'] as const
type Index = (typeof INDEXES)[number]

function ftsCommand(db: Database, index: Index, command: string, value: number): void {
  // FTS5 special commands take literal values (a bound parameter is not accepted).
  prepared(
    db,
    `INSERT INTO ${index} (${index}, rank) VALUES ('${command}', ${Math.trunc(value)})`,
  ).run()
}

/** A setting as stored (`fallback`, FTS5's default, when never set). */
function setting(db: Database, index: Index, key: string, fallback: number): number {
  const value = prepared<number | null>(db, `SELECT v FROM ${index}_config WHERE k = '${key}'`)
    .pluck()
    .get()
  return typeof value === 'number' ? value : fallback
}

/**
 * Inside a write transaction: runs `write` (which inserts messages) with FTS5's merging off, and
 * leaves its index entries written as one segment. See the module comment.
 */
export function indexWithoutMerging<T>(db: Database, write: () => T): T {
  const automerge = INDEXES.map((index) => setting(db, index, 'automerge', AUTOMERGE_DEFAULT))
  for (const index of INDEXES) ftsCommand(db, index, 'automerge', 0)
  const result = write()
  db.exec('SAVEPOINT fts_bulk_flush; RELEASE fts_bulk_flush')
  INDEXES.forEach((index, i) => ftsCommand(db, index, 'automerge', automerge[i]!))
  return result
}

const totalChanges = (db: Database): number =>
  prepared<number>(db, 'SELECT total_changes()').pluck().get() ?? 0

/**
 * Inside a write transaction: merge steps while the transaction is younger than `budgetMs`
 * (measured from `startedAt`, a performance.now() time), at least one, until there is nothing
 * left to merge. Returns the steps taken that did work.
 */
export function mergeWithin(db: Database, startedAt: number, budgetMs: number): number {
  let steps = 0
  for (const index of INDEXES) {
    // Each setting written costs FTS5 a reload of its configuration: only when it differs.
    if (setting(db, index, 'usermerge', USERMERGE_DEFAULT) !== USERMERGE) {
      ftsCommand(db, index, 'usermerge', USERMERGE)
    }
    do {
      const before = totalChanges(db)
      ftsCommand(db, index, 'merge', MERGE_STEP_PAGES)
      // A step that writes fewer than two rows found nothing left to merge.
      if (totalChanges(db) - before < 2) break
      steps += 1
    } while (performance.now() - startedAt < budgetMs)
  }
  return steps
}

/** Inside a write transaction: `write` indexed without merging, then merged within the budget. */
export function writeInBulk<T>(db: Database, write: () => T): T {
  const startedAt = performance.now()
  const result = indexWithoutMerging(db, write)
  mergeWithin(db, startedAt, BULK_MERGE_BUDGET_MS)
  return result
}
