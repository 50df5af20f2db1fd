import path from 'node:path'
import type { Database as Db } from 'better-sqlite3-multiple-ciphers'
import { migrate } from '../src/main/storage/sqlite/migrate'
import { openSqliteStorage } from '../src/main/storage/sqlite/sqliteStorage'
import type { SqliteStorage } from '../src/main/storage/sqlite/sqliteStorage'
import { percentile } from './stats'
import { INSERT_SQL, makeMessages, rawConnection, rowValues } from './storageCorpus'

/**
 * Issue 13, item 8: opening the last 50 messages of the current path of a 100 000-message
 * session with 1 000 branch points, beside a linear 100 000-message session in the same file
 * and the same run (SqliteStorage.listMessages, the call the app makes to open a session).
 * Target: within 2× of the linear session.
 */

const SIZE = 100_000
const BRANCH_POINTS = 1_000
const ROUNDS = 10
const CALLS = 20
const TARGET_RATIO = 2
const LINEAR = 'session_bench_linear'
const BRANCHED = 'session_bench_branched'

const millis = (ms: number): string => `${ms.toFixed(3)} ms`

interface Row {
  id: string
  parent: string | null
  onPath: boolean
}

/**
 * The branched session: 1 000 blocks of 100 messages. Each block starts at a branch point: an
 * older version of 50 messages (off the path), then the current version, 50 more on the path.
 * So 50 000 messages on the path, 50 000 beside it, two versions at each of 1 000 positions.
 */
function branchedRows(ids: string[]): Row[] {
  const rows: Row[] = []
  const half = SIZE / BRANCH_POINTS / 2
  let pathTip: string | null = null
  for (let b = 0; b < BRANCH_POINTS; b++) {
    for (const onPath of [false, true]) {
      let parent: string | null = pathTip
      for (let i = 0; i < half; i++) {
        const id = ids[rows.length]!
        rows.push({ id, parent, onPath })
        parent = id
      }
      if (onPath) pathTip = parent
    }
  }
  return rows
}

function linearRows(ids: string[]): Row[] {
  return ids.map((id, i) => ({ id, parent: i === 0 ? null : ids[i - 1]!, onPath: true }))
}

/** Writes a session the way the app's own appends leave it (parents, choices, path, leaf). */
function fill(db: Db, sessionId: string, seed: number, shape: (ids: string[]) => Row[]): string[] {
  const messages = makeMessages(sessionId, SIZE, 0, seed)
  const rows = shape(messages.map((m) => m.id))
  db.prepare(
    `INSERT INTO sessions (id, title, created_at, updated_at, message_count)
     VALUES (?, ?, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', ?)`,
  ).run(sessionId, sessionId, SIZE)
  const insert = db.prepare(INSERT_SQL)
  const choose = db.prepare('UPDATE messages SET active_child_id = ? WHERE id = ?')
  const path: string[] = []
  db.transaction(() => {
    rows.forEach((row, i) => {
      insert.run(...rowValues(messages[i]!, row.parent, row.onPath))
      // Each parent remembers its newest child: on the path, that is the next path message.
      if (row.parent !== null) choose.run(row.id, row.parent)
      if (row.onPath) path.push(row.id)
    })
    db.prepare('UPDATE sessions SET current_leaf_id = ? WHERE id = ?').run(path.at(-1), sessionId)
  })()
  return path
}

async function timeOpen(storage: SqliteStorage, sessionId: string, out: number[]): Promise<void> {
  for (let i = 0; i < CALLS; i++) {
    const started = performance.now()
    await storage.listMessages(sessionId, { limit: 50 })
    out.push(performance.now() - started)
  }
}

export async function measureTreeOpen(
  dir: string,
): Promise<{ lines: string[][]; met: boolean; verdict: string }> {
  const file = path.join(dir, 'tree.db')
  const db = rawConnection(file)
  migrate(db)
  const linearPath = fill(db, LINEAR, 21, linearRows)
  const branchedPath = fill(db, BRANCHED, 23, branchedRows)
  // Statistics as a file the app has closed once has them (PRAGMA optimize).
  db.exec('ANALYZE')
  db.close()

  const storage = await openSqliteStorage(file)
  try {
    // What is served must be right before its speed means anything.
    for (const [id, expected] of [
      [LINEAR, linearPath],
      [BRANCHED, branchedPath],
    ] as const) {
      const page = await storage.listMessages(id, { limit: 50 })
      const ids = page.items.map((m) => m.id)
      if (ids.join() !== expected.slice(-50).join() || !page.hasOlder) {
        throw new Error(`tree bench: wrong last page for ${id}`)
      }
    }
    const firstOfBlock = branchedPath[branchedPath.length - 50]!
    const versions = await storage.listVersions(firstOfBlock)
    if (versions.length !== 2) throw new Error('tree bench: expected two versions')

    const linear: number[] = []
    const branched: number[] = []
    // Alternate, so load on a shared machine hits both alike.
    for (let round = 0; round < ROUNDS; round++) {
      await timeOpen(storage, LINEAR, linear)
      await timeOpen(storage, BRANCHED, branched)
    }
    const ratio = percentile(branched, 50) / percentile(linear, 50)

    // Switching at the last branch point rewrites 50 rows of the path each way.
    const switches: number[] = []
    for (let i = 0; i < 20; i++) {
      const started = performance.now()
      await storage.switchToMessage(versions[i % 2]!.id)
      switches.push(performance.now() - started)
    }
    await storage.switchToMessage(versions[1]!.id)
    const deep = await storage.listVersions(branchedPath[0]!)
    let started = performance.now()
    await storage.switchToMessage(deep[0]!.id)
    const firstSwitchMs = performance.now() - started
    started = performance.now()
    await storage.switchToMessage(deep[1]!.id)
    const backMs = performance.now() - started
    const after = await storage.listMessages(BRANCHED, { limit: 50 })
    if (after.items.at(-1)?.id !== branchedPath.at(-1)) throw new Error('tree bench: switch lost')

    const met = ratio <= TARGET_RATIO
    const n = ROUNDS * CALLS
    return {
      lines: [
        [
          `open last 50 of path, linear 100 000 (${n} calls), p50 / p95`,
          millis(percentile(linear, 50)),
          millis(percentile(linear, 95)),
        ],
        [
          `open last 50 of path, 100 000 with 1 000 branch points, p50 / p95`,
          millis(percentile(branched, 50)),
          `${millis(percentile(branched, 95))}  linear p50 ${millis(percentile(linear, 50))}  ratio ${ratio.toFixed(2)}×`,
        ],
        ['switch version at the last branch point, p50', millis(percentile(switches, 50)), ''],
        [
          'switch version at the first branch point (path of 50 000 replaced), there / back',
          millis(firstSwitchMs),
          millis(backMs),
        ],
      ],
      met,
      verdict: `target: open last 50 of a branched path within ${TARGET_RATIO}× of a linear one — ${met ? 'MET' : 'NOT MET'} (${ratio.toFixed(2)}×)`,
    }
  } finally {
    await storage.close()
  }
}
