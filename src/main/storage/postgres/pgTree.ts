import type { Message, MessagePage } from '../../../shared/domain'
import { MirrorError } from '../../../shared/errors'
import { messageNotFound, resolveParents } from '../messageTree'
import { messageFromRow, versionedMessageFromRow } from '../sqlite/rows'
import type { ListMessagesOptions, RemovedBranch } from '../storage'
import { INSERT_MESSAGE, insertMessage, insertValues, locateMessage } from './pgMessages'
import type { MessageLocation } from './pgMessages'
import { prepared } from './pgPool'
import type { Queryable } from './pgPool'
import { addToMessageCount, bumpSession, lockSession, setCurrentLeaf } from './pgSessions'
import {
  clearPathFrom,
  deleteBySeq,
  leafBelow,
  markPathFrom,
  newestSibling,
  offPathAncestry,
  onPathChild,
  setActiveChild,
  subtreeRows,
  walkDown,
  walkUp,
} from './pgTreeQueries'

// The tree operations of PostgresStorage, each inside the caller's transaction after it locked
// the session's row (lockSession). The same steps as sqlite/sqliteTree.ts, so both backends
// branch, switch and delete alike.

import { noSession } from '../storage'

export { noSession }

export async function locateIn(
  db: Queryable,
  sessionId: string,
  id: string,
): Promise<MessageLocation> {
  const at = await locateMessage(db, id)
  if (!at || at.session_id !== sessionId) throw messageNotFound(id)
  return at
}

/** Locks the session and returns its current leaf (NOT_FOUND when there is no session). */
export async function lockedLeaf(db: Queryable, sessionId: string): Promise<string | null> {
  const row = await lockSession(db, sessionId)
  if (!row) throw noSession(sessionId)
  return row.leaf
}

/**
 * Locks the session of message `id` and returns where the message is, read after the lock (a
 * writer that held the lock may have moved or deleted it). NOT_FOUND when there is none.
 */
export async function lockMessage(db: Queryable, id: string): Promise<MessageLocation> {
  const before = await locateMessage(db, id)
  if (!before) throw messageNotFound(id)
  await lockSession(db, before.session_id)
  const at = await locateMessage(db, id)
  if (!at) throw messageNotFound(id)
  return at
}

/** Makes the current path run through `target` and on down its remembered choices; the leaf. */
export async function selectPath(
  db: Queryable,
  sessionId: string,
  target: string,
): Promise<string> {
  const up = await offPathAncestry(db, target)
  const top = up[up.length - 1]!
  const junction = top.on_path ? top : null
  const offPath = junction ? up.slice(0, -1) : up
  const start =
    offPath.length > 0
      ? offPath[offPath.length - 1]!.id
      : (await locateMessage(db, target))!.active_child_id
  const old = await onPathChild(db, sessionId, junction ? junction.id : null)
  if (start === null) {
    if (old !== undefined) await clearPathFrom(db, old)
    return target
  }
  if (old === start) return leafBelow(db, start)
  for (let i = 0; i + 1 < up.length; i++) await setActiveChild(db, up[i + 1]!.id, up[i]!.id)
  if (old !== undefined) await clearPathFrom(db, old)
  await markPathFrom(db, start)
  return leafBelow(db, start)
}

/**
 * Appends below `message.parentId` (default: the current leaf). The hot path (below the leaf)
 * is one statement after the lock: the INSERT, the parent's choice and the session's counters.
 */
export async function appendToTree(db: Queryable, message: Message): Promise<void> {
  const leaf = await lockedLeaf(db, message.sessionId)
  const parentId = message.parentId === undefined ? leaf : message.parentId
  if (parentId !== null && parentId !== leaf) await locateIn(db, message.sessionId, parentId)
  if (parentId === leaf) {
    await prepared(
      db,
      'amos_append_below_leaf',
      `WITH added AS (${INSERT_MESSAGE} RETURNING id),
         parent AS (UPDATE messages SET active_child_id = $1 WHERE id = $13)
       UPDATE sessions SET message_count = message_count + 1, updated_at = $5,
         current_leaf_id = $1
       WHERE id = $2 AND EXISTS (SELECT 1 FROM added)`,
      insertValues(message, parentId, true, null),
    )
    return
  }
  await insertMessage(db, message, parentId, false)
  const newLeaf = await selectPath(db, message.sessionId, message.id)
  await bumpSession(db, message.sessionId, message.createdAt, newLeaf)
}

export async function switchTo(db: Queryable, messageId: string): Promise<string> {
  const at = await lockMessage(db, messageId)
  const leaf = await selectPath(db, at.session_id, messageId)
  await setCurrentLeaf(db, at.session_id, leaf)
  return at.session_id
}

/** A page of the current path (see Storage.listMessages). */
export async function pathPage(
  db: Queryable,
  sessionId: string,
  leaf: string | null,
  options: ListMessagesOptions,
): Promise<MessagePage> {
  const limit = options.limit ?? 50
  const onPath = async (id: string): Promise<MessageLocation> => {
    const at = await locateIn(db, sessionId, id)
    if (!at.on_path) throw messageNotFound(id)
    return at
  }
  if (options.after) {
    const next = (await onPath(options.after)).active_child_id
    const found = next === null || limit < 1 ? [] : await walkDown(db, next, limit)
    return { items: found.map(versionedMessageFromRow), hasOlder: true }
  }
  const from = options.before ? (await onPath(options.before)).parent_id : leaf
  if (from === null || limit < 1) return { items: [], hasOlder: from !== null }
  const found = await walkUp(db, from, limit + 1)
  const items = found.slice(0, limit).reverse().map(versionedMessageFromRow)
  return { items, hasOlder: found.length > limit }
}

export async function deleteBranch(
  db: Queryable,
  messageId: string,
): Promise<Omit<RemovedBranch, 'session'>> {
  const at = await lockMessage(db, messageId)
  const sessionId = at.session_id
  const previousLeafId = await lockedLeaf(db, sessionId)
  const found = await subtreeRows(db, messageId)
  const sibling = await newestSibling(db, sessionId, at.parent_id, messageId)
  await deleteBySeq(
    db,
    found.map((r) => String(r.seq)),
  )
  if (at.parent_id !== null) {
    const parent = await locateMessage(db, at.parent_id)
    if (parent?.active_child_id === messageId) {
      await setActiveChild(db, at.parent_id, sibling ?? null)
    }
  }
  let leaf = previousLeafId
  if (at.on_path) {
    if (sibling !== undefined) {
      await markPathFrom(db, sibling)
      leaf = await leafBelow(db, sibling)
    } else leaf = at.parent_id
  }
  await addToMessageCount(db, sessionId, -found.length)
  await setCurrentLeaf(db, sessionId, leaf)
  return { sessionId, removed: found.map(messageFromRow), previousLeafId }
}

/** Inserts `messages` below their parents (restore); returns the last message added. */
export async function insertBranch(
  db: Queryable,
  sessionId: string,
  leaf: string | null,
  messages: Message[],
): Promise<string | null> {
  const stored = resolveParents(messages, leaf)
  for (const m of stored) {
    if (m.sessionId !== sessionId) {
      throw new MirrorError('VALIDATION_FAILED', `Message ${m.id} belongs to another session.`)
    }
    if (await locateMessage(db, m.id)) {
      throw new MirrorError('VALIDATION_FAILED', `A message with id ${m.id} already exists.`)
    }
    const parent = m.parentId === null ? null : await locateIn(db, sessionId, m.parentId)
    await insertMessage(db, m, m.parentId, false)
    if (parent && (parent.active_child_id === null || !parent.on_path)) {
      await setActiveChild(db, m.parentId!, m.id)
    }
  }
  await addToMessageCount(db, sessionId, stored.length)
  return stored.at(-1)?.id ?? null
}

/** Switches to `target` (when there is one) and records the leaf. */
export async function settlePath(
  db: Queryable,
  sessionId: string,
  target: string | null,
): Promise<void> {
  if (target === null) return
  await setCurrentLeaf(db, sessionId, await selectPath(db, sessionId, target))
}

export async function pathTo(db: Queryable, messageId: string): Promise<Message[]> {
  if (!(await locateMessage(db, messageId))) throw messageNotFound(messageId)
  const found = await walkUp(db, messageId, 2_147_483_647)
  return found.reverse().map(messageFromRow)
}
