import type { Database } from '../../sqlite/driver'
import type { MessageRow, VersionedMessageRow } from './rows'
import { COLUMNS } from './messageQueries'
import { prepared } from './statements'

// The message tree in SQL (migration 0005). Invariant: the messages with on_path = 1 are the
// session's current path, and each of them has active_child_id = the next one (NULL at the
// leaf). Off the path, active_child_id is the child used last. Every walk below follows one
// id at a time through the primary-key-like UNIQUE index on id, so it costs what it returns.
// The walks are joined with CROSS JOIN, which fixes SQLite's join order: with ANALYZE
// statistics (PRAGMA optimize runs on close) the planner otherwise prefers to scan every
// message and probe the walk (0.4 ms became 23 ms on 100 000 messages).

const M_COLUMNS = COLUMNS.split(', ')
  .map((c) => `m.${c}`)
  .join(', ')

/** Version fields of `m`: its rank among its siblings (same parent) and how many there are. */
const VERSION_COLUMNS = `
  CASE WHEN m.parent_id IS NULL
    THEN (SELECT count(*) FROM messages s
          WHERE s.session_id = m.session_id AND s.parent_id IS NULL AND s.seq <= m.seq)
    ELSE (SELECT count(*) FROM messages s WHERE s.parent_id = m.parent_id AND s.seq <= m.seq)
  END AS version_index,
  CASE WHEN m.parent_id IS NULL
    THEN (SELECT count(*) FROM messages s WHERE s.session_id = m.session_id AND s.parent_id IS NULL)
    ELSE (SELECT count(*) FROM messages s WHERE s.parent_id = m.parent_id)
  END AS version_count`

/** `from` and up to `limit - 1` of its ancestors, newest first. */
export function walkUp(db: Database, from: string, limit: number): VersionedMessageRow[] {
  return prepared<VersionedMessageRow>(
    db,
    `WITH RECURSIVE up (id, n) AS (
       SELECT @from, 1
       UNION ALL
       SELECT m.parent_id, up.n + 1 FROM messages m JOIN up ON m.id = up.id
       WHERE m.parent_id IS NOT NULL AND up.n < @limit
     )
     SELECT ${M_COLUMNS}, ${VERSION_COLUMNS} FROM up CROSS JOIN messages m ON m.id = up.id
     ORDER BY up.n`,
  ).all({ from, limit })
}

/** `from` and up to `limit - 1` messages below it along the remembered choices, oldest first. */
export function walkDown(db: Database, from: string, limit: number): VersionedMessageRow[] {
  return prepared<VersionedMessageRow>(
    db,
    `WITH RECURSIVE down (id, n) AS (
       SELECT @from, 1
       UNION ALL
       SELECT m.active_child_id, down.n + 1 FROM messages m JOIN down ON m.id = down.id
       WHERE m.active_child_id IS NOT NULL AND down.n < @limit
     )
     SELECT ${M_COLUMNS}, ${VERSION_COLUMNS} FROM down CROSS JOIN messages m ON m.id = down.id
     ORDER BY down.n`,
  ).all({ from, limit })
}

/** The siblings of a message (its parent's children, or the session's first messages). */
export function siblingRows(
  db: Database,
  sessionId: string,
  parentId: string | null,
): VersionedMessageRow[] {
  if (parentId === null) {
    return prepared<VersionedMessageRow>(
      db,
      `SELECT ${M_COLUMNS}, ${VERSION_COLUMNS} FROM messages m
       WHERE m.session_id = ? AND m.parent_id IS NULL ORDER BY m.seq`,
    ).all(sessionId)
  }
  return prepared<VersionedMessageRow>(
    db,
    `SELECT ${M_COLUMNS}, ${VERSION_COLUMNS} FROM messages m WHERE m.parent_id = ? ORDER BY m.seq`,
  ).all(parentId)
}

export interface UpRow {
  id: string
  parent_id: string | null
  on_path: number
}

/**
 * From `from` up to and including the first message on the current path (none when the branch
 * leaves the path at the root): the part of the branch that is off the path.
 */
export function offPathAncestry(db: Database, from: string): UpRow[] {
  return prepared<UpRow>(
    db,
    `WITH RECURSIVE up (id, parent_id, on_path, n) AS (
       SELECT id, parent_id, on_path, 1 FROM messages WHERE id = @from
       UNION ALL
       SELECT m.id, m.parent_id, m.on_path, up.n + 1 FROM messages m JOIN up ON m.id = up.parent_id
       WHERE up.on_path = 0
     )
     SELECT id, parent_id, on_path FROM up ORDER BY n`,
  ).all({ from })
}

/** The on-path child of `parentId` (or the on-path first message), if any. */
export function onPathChild(
  db: Database,
  sessionId: string,
  parentId: string | null,
): string | undefined {
  if (parentId === null) {
    return prepared<string>(
      db,
      'SELECT id FROM messages WHERE session_id = ? AND parent_id IS NULL AND on_path = 1',
    )
      .pluck()
      .get(sessionId)
  }
  return prepared<string>(db, 'SELECT id FROM messages WHERE parent_id = ? AND on_path = 1')
    .pluck()
    .get(parentId)
}

/** Takes `from` and the path below it off the current path. */
export function clearPathFrom(db: Database, from: string): void {
  prepared(
    db,
    `WITH RECURSIVE down (id) AS (
       SELECT id FROM messages WHERE id = @from AND on_path = 1
       UNION ALL
       SELECT m.active_child_id FROM messages m JOIN down ON m.id = down.id
       WHERE m.active_child_id IS NOT NULL AND m.on_path = 1
     )
     UPDATE messages SET on_path = 0 WHERE id IN (SELECT id FROM down)`,
  ).run({ from })
}

/** Puts `from` and everything below it along the remembered choices on the path. */
export function markPathFrom(db: Database, from: string): void {
  prepared(
    db,
    `WITH RECURSIVE down (id) AS (
       SELECT @from
       UNION ALL
       SELECT m.active_child_id FROM messages m JOIN down ON m.id = down.id
       WHERE m.active_child_id IS NOT NULL
     )
     UPDATE messages SET on_path = 1 WHERE id IN (SELECT id FROM down)`,
  ).run({ from })
}

export function setActiveChild(db: Database, id: string, childId: string | null): void {
  prepared(db, 'UPDATE messages SET active_child_id = ? WHERE id = ?').run(childId, id)
}

/** The leaf below `from` along the remembered choices (no writes). */
export function leafBelow(db: Database, from: string): string {
  return prepared<string>(
    db,
    `WITH RECURSIVE down (id, n) AS (
       SELECT @from, 1
       UNION ALL
       SELECT m.active_child_id, down.n + 1 FROM messages m JOIN down ON m.id = down.id
       WHERE m.active_child_id IS NOT NULL
     )
     SELECT id FROM down ORDER BY n DESC LIMIT 1`,
  )
    .pluck()
    .get({ from })!
}

/** `id` and everything below it, parents before children. */
export function subtreeRows(db: Database, id: string): (MessageRow & { on_path: number })[] {
  return prepared<MessageRow & { on_path: number }>(
    db,
    `WITH RECURSIVE down (id, depth) AS (
       SELECT @id, 0
       UNION ALL
       SELECT m.id, down.depth + 1 FROM messages m JOIN down ON m.parent_id = down.id
     )
     SELECT ${M_COLUMNS}, m.on_path AS on_path FROM down CROSS JOIN messages m ON m.id = down.id
     ORDER BY down.depth, m.seq`,
  ).all({ id })
}

/** The newest child of `parentId` (or first message of the session) other than `except`. */
export function newestSibling(
  db: Database,
  sessionId: string,
  parentId: string | null,
  except: string,
): string | undefined {
  if (parentId === null) {
    return prepared<string>(
      db,
      `SELECT id FROM messages WHERE session_id = ? AND parent_id IS NULL AND id <> ?
       ORDER BY seq DESC LIMIT 1`,
    )
      .pluck()
      .get(sessionId, except)
  }
  return prepared<string>(
    db,
    'SELECT id FROM messages WHERE parent_id = ? AND id <> ? ORDER BY seq DESC LIMIT 1',
  )
    .pluck()
    .get(parentId, except)
}

/** Every message of a session after `afterSeq`, in seq order (parents come first). */
export function treeRows(
  db: Database,
  sessionId: string,
  afterSeq: number,
  limit: number,
): MessageRow[] {
  return prepared<MessageRow>(
    db,
    `SELECT ${COLUMNS} FROM messages WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
  ).all(sessionId, afterSeq, limit)
}

export function deleteBySeq(db: Database, seqs: number[]): void {
  prepared(db, 'DELETE FROM messages WHERE seq IN (SELECT value FROM json_each(?))').run(
    JSON.stringify(seqs),
  )
}
