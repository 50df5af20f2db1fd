import type { MessageRow, VersionedMessageRow } from '../sqlite/rows'
import { M_COLUMNS } from './pgMessages'
import { first, prepared, rows } from './pgPool'
import type { Queryable } from './pgPool'

// The message tree in SQL, as on SQLite (sqlite/treeQueries.ts, the same invariant): the
// messages with on_path are the session's current path, each with active_child_id = the next
// one. Every walk follows one id at a time through the unique index on id, so it costs what it
// returns. Recursive terms start from a parameter cast to the column's collation ("C").

const VERSION_COLUMNS = `
  CASE WHEN m.parent_id IS NULL
    THEN (SELECT count(*) FROM messages s
          WHERE s.session_id = m.session_id AND s.parent_id IS NULL AND s.seq <= m.seq)
    ELSE (SELECT count(*) FROM messages s WHERE s.parent_id = m.parent_id AND s.seq <= m.seq)
  END::int AS version_index,
  CASE WHEN m.parent_id IS NULL
    THEN (SELECT count(*) FROM messages s WHERE s.session_id = m.session_id AND s.parent_id IS NULL)
    ELSE (SELECT count(*) FROM messages s WHERE s.parent_id = m.parent_id)
  END::int AS version_count`

const ID = 'text COLLATE "C"'

/** `from` and up to `limit - 1` of its ancestors, newest first. */
export function walkUp(db: Queryable, from: string, limit: number): Promise<VersionedMessageRow[]> {
  return rows<VersionedMessageRow>(
    db,
    `WITH RECURSIVE up (id, n) AS (
       SELECT $1::${ID}, 1
       UNION ALL
       SELECT m.parent_id, up.n + 1 FROM messages m JOIN up ON m.id = up.id
       WHERE m.parent_id IS NOT NULL AND up.n < $2
     )
     SELECT ${M_COLUMNS}, ${VERSION_COLUMNS} FROM up JOIN messages m ON m.id = up.id
     ORDER BY up.n`,
    [from, limit],
  )
}

/**
 * The newest `limit` messages of the session's current path, newest first, in one statement
 * (the walk starts at the session's leaf): the common "open a session" read. No rows: the
 * session is empty or unknown.
 */
export function walkUpFromLeaf(
  db: Queryable,
  sessionId: string,
  limit: number,
): Promise<VersionedMessageRow[]> {
  return prepared<VersionedMessageRow>(
    db,
    'amos_walk_up_from_leaf',
    `WITH RECURSIVE up (id, n) AS (
       SELECT current_leaf_id, 1 FROM sessions WHERE id = $1 AND current_leaf_id IS NOT NULL
       UNION ALL
       SELECT m.parent_id, up.n + 1 FROM messages m JOIN up ON m.id = up.id
       WHERE m.parent_id IS NOT NULL AND up.n < $2
     )
     SELECT ${M_COLUMNS}, ${VERSION_COLUMNS} FROM up JOIN messages m ON m.id = up.id
     ORDER BY up.n`,
    [sessionId, limit],
  )
}

/** `from` and up to `limit - 1` messages below it along the remembered choices, oldest first. */
export function walkDown(
  db: Queryable,
  from: string,
  limit: number,
): Promise<VersionedMessageRow[]> {
  return rows<VersionedMessageRow>(
    db,
    `WITH RECURSIVE down (id, n) AS (
       SELECT $1::${ID}, 1
       UNION ALL
       SELECT m.active_child_id, down.n + 1 FROM messages m JOIN down ON m.id = down.id
       WHERE m.active_child_id IS NOT NULL AND down.n < $2
     )
     SELECT ${M_COLUMNS}, ${VERSION_COLUMNS} FROM down JOIN messages m ON m.id = down.id
     ORDER BY down.n`,
    [from, limit],
  )
}

/** The siblings of a message (its parent's children, or the session's first messages). */
export function siblingRows(
  db: Queryable,
  sessionId: string,
  parentId: string | null,
): Promise<VersionedMessageRow[]> {
  const where = parentId === null ? 'm.session_id = $1 AND m.parent_id IS NULL' : 'm.parent_id = $1'
  return rows<VersionedMessageRow>(
    db,
    `SELECT ${M_COLUMNS}, ${VERSION_COLUMNS} FROM messages m WHERE ${where} ORDER BY m.seq`,
    [parentId ?? sessionId],
  )
}

export interface UpRow {
  id: string
  parent_id: string | null
  on_path: boolean
}

/** From `from` up to and including the first message on the current path (the off-path part). */
export function offPathAncestry(db: Queryable, from: string): Promise<UpRow[]> {
  return rows<UpRow>(
    db,
    `WITH RECURSIVE up (id, parent_id, on_path, n) AS (
       SELECT id, parent_id, on_path, 1 FROM messages WHERE id = $1
       UNION ALL
       SELECT m.id, m.parent_id, m.on_path, up.n + 1 FROM messages m JOIN up ON m.id = up.parent_id
       WHERE NOT up.on_path
     )
     SELECT id, parent_id, on_path FROM up ORDER BY n`,
    [from],
  )
}

/** The on-path child of `parentId` (or the on-path first message), if any. */
export async function onPathChild(
  db: Queryable,
  sessionId: string,
  parentId: string | null,
): Promise<string | undefined> {
  const row =
    parentId === null
      ? await first<{ id: string }>(
          db,
          'SELECT id FROM messages WHERE session_id = $1 AND parent_id IS NULL AND on_path',
          [sessionId],
        )
      : await first<{ id: string }>(
          db,
          'SELECT id FROM messages WHERE parent_id = $1 AND on_path',
          [parentId],
        )
  return row?.id
}

/** Takes `from` and the path below it off the current path. */
export async function clearPathFrom(db: Queryable, from: string): Promise<void> {
  await db.query(
    `WITH RECURSIVE down (id) AS (
       SELECT id FROM messages WHERE id = $1 AND on_path
       UNION ALL
       SELECT m.active_child_id FROM messages m JOIN down ON m.id = down.id
       WHERE m.active_child_id IS NOT NULL AND m.on_path
     )
     UPDATE messages SET on_path = false WHERE id IN (SELECT id FROM down)`,
    [from],
  )
}

/** Puts `from` and everything below it along the remembered choices on the path. */
export async function markPathFrom(db: Queryable, from: string): Promise<void> {
  await db.query(
    `WITH RECURSIVE down (id) AS (
       SELECT $1::${ID}
       UNION ALL
       SELECT m.active_child_id FROM messages m JOIN down ON m.id = down.id
       WHERE m.active_child_id IS NOT NULL
     )
     UPDATE messages SET on_path = true WHERE id IN (SELECT id FROM down)`,
    [from],
  )
}

export async function setActiveChild(
  db: Queryable,
  id: string,
  childId: string | null,
): Promise<void> {
  await db.query('UPDATE messages SET active_child_id = $1 WHERE id = $2', [childId, id])
}

/** The leaf below `from` along the remembered choices (no writes). */
export async function leafBelow(db: Queryable, from: string): Promise<string> {
  const row = await first<{ id: string }>(
    db,
    `WITH RECURSIVE down (id, n) AS (
       SELECT $1::${ID}, 1
       UNION ALL
       SELECT m.active_child_id, down.n + 1 FROM messages m JOIN down ON m.id = down.id
       WHERE m.active_child_id IS NOT NULL
     )
     SELECT id FROM down ORDER BY n DESC LIMIT 1`,
    [from],
  )
  return row!.id
}

/** `id` and everything below it, parents before children. */
export function subtreeRows(
  db: Queryable,
  id: string,
): Promise<(MessageRow & { on_path: boolean })[]> {
  return rows<MessageRow & { on_path: boolean }>(
    db,
    `WITH RECURSIVE down (id, depth) AS (
       SELECT $1::${ID}, 0
       UNION ALL
       SELECT m.id, down.depth + 1 FROM messages m JOIN down ON m.parent_id = down.id
     )
     SELECT ${M_COLUMNS}, m.on_path FROM down JOIN messages m ON m.id = down.id
     ORDER BY down.depth, m.seq`,
    [id],
  )
}

/** The newest child of `parentId` (or first message of the session) other than `except`. */
export async function newestSibling(
  db: Queryable,
  sessionId: string,
  parentId: string | null,
  except: string,
): Promise<string | undefined> {
  const where = parentId === null ? 'session_id = $1 AND parent_id IS NULL' : 'parent_id = $1'
  const row = await first<{ id: string }>(
    db,
    `SELECT id FROM messages WHERE ${where} AND id <> $2 ORDER BY seq DESC LIMIT 1`,
    [parentId ?? sessionId, except],
  )
  return row?.id
}

export async function deleteBySeq(db: Queryable, seqs: string[]): Promise<void> {
  await db.query('DELETE FROM messages WHERE seq = ANY($1::bigint[])', [seqs])
}
