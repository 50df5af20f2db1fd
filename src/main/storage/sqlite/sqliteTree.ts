import type { Database } from '../../sqlite/driver'
import type { Message, MessagePage } from '../../../shared/domain'
import { MirrorError } from '../../../shared/errors'
import { messageNotFound, resolveParents } from '../messageTree'
import type { ListMessagesOptions, RemovedBranch } from '../storage'
import { insertMessage, locateMessage } from './messageQueries'
import type { MessageLocation } from './messageQueries'
import { messageFromRow, versionedMessageFromRow } from './rows'
import { addToMessageCount, bumpSession, currentLeaf, setCurrentLeaf } from './sessionQueries'
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
} from './treeQueries'

// The tree operations of SqliteStorage, each run inside the caller's transaction. Costs grow
// with what changes (the part of the path that is replaced), never with the session's size.

import { noSession } from '../storage'

export { noSession }

/** A message of `sessionId` (NOT_FOUND otherwise, also when it is in another session). */
export function locateIn(db: Database, sessionId: string, id: string): MessageLocation {
  const at = locateMessage(db, id)
  if (!at || at.session_id !== sessionId) throw messageNotFound(id)
  return at
}

function leafOf(db: Database, sessionId: string): string | null {
  const row = currentLeaf(db, sessionId)
  if (!row) throw noSession(sessionId)
  return row.leaf
}

/**
 * Makes the current path run through `target` and on down its remembered choices; returns the
 * new leaf. Only the replaced part of the path is rewritten: the branch from `target` up to
 * where it meets the path, the old path below that point, and the new one below `target`.
 */
export function selectPath(db: Database, sessionId: string, target: string): string {
  const up = offPathAncestry(db, target)
  const top = up[up.length - 1]!
  const junction = top.on_path === 1 ? top : null
  const offPath = junction ? up.slice(0, -1) : up
  const start =
    offPath.length > 0
      ? offPath[offPath.length - 1]!.id
      : locateMessage(db, target)!.active_child_id
  const old = onPathChild(db, sessionId, junction ? junction.id : null)
  if (start === null || start === undefined) {
    if (old !== undefined) clearPathFrom(db, old)
    return target
  }
  if (old === start) return leafBelow(db, start)
  for (let i = 0; i + 1 < up.length; i++) setActiveChild(db, up[i + 1]!.id, up[i]!.id)
  if (old !== undefined) clearPathFrom(db, old)
  markPathFrom(db, start)
  return leafBelow(db, start)
}

/** Appends below `message.parentId` (default: the current leaf); the message becomes the leaf. */
export function appendToTree(db: Database, message: Message): void {
  const leaf = leafOf(db, message.sessionId)
  const parentId = message.parentId === undefined ? leaf : message.parentId
  // The leaf is known to be in the session; any other parent is checked.
  if (parentId !== null && parentId !== leaf) locateIn(db, message.sessionId, parentId)
  if (parentId === leaf) {
    // The hot path: one INSERT, the parent's choice, the session's counters.
    insertMessage(db, message, parentId, true)
    if (parentId !== null) setActiveChild(db, parentId, message.id)
    bumpSession(db, message.sessionId, message.createdAt, message.id)
    return
  }
  insertMessage(db, message, parentId, false)
  const newLeaf = selectPath(db, message.sessionId, message.id)
  bumpSession(db, message.sessionId, message.createdAt, newLeaf)
}

export function switchTo(db: Database, messageId: string): string {
  const at = locateMessage(db, messageId)
  if (!at) throw messageNotFound(messageId)
  const leaf = selectPath(db, at.session_id, messageId)
  setCurrentLeaf(db, at.session_id, leaf)
  return at.session_id
}

/** A page of the current path (see Storage.listMessages). */
export function pathPage(
  db: Database,
  sessionId: string,
  options: ListMessagesOptions,
): MessagePage {
  const limit = options.limit ?? 50
  const leaf = leafOf(db, sessionId)
  const onPath = (id: string): MessageLocation => {
    const at = locateIn(db, sessionId, id)
    if (at.on_path !== 1) throw messageNotFound(id)
    return at
  }
  if (options.after) {
    const next = onPath(options.after).active_child_id
    const rows = next === null || limit < 1 ? [] : walkDown(db, next, limit)
    return { items: rows.map(versionedMessageFromRow), hasOlder: true }
  }
  const from = options.before ? onPath(options.before).parent_id : leaf
  if (from === null || limit < 1) return { items: [], hasOlder: from !== null }
  const rows = walkUp(db, from, limit + 1)
  const items = rows.slice(0, limit).reverse().map(versionedMessageFromRow)
  return { items, hasOlder: rows.length > limit }
}

export function deleteBranch(db: Database, messageId: string): Omit<RemovedBranch, 'session'> {
  const at = locateMessage(db, messageId)
  if (!at) throw messageNotFound(messageId)
  const sessionId = at.session_id
  const previousLeafId = leafOf(db, sessionId)
  const rows = subtreeRows(db, messageId)
  const sibling = newestSibling(db, sessionId, at.parent_id, messageId)
  deleteBySeq(
    db,
    rows.map((r) => r.seq),
  )
  if (at.parent_id !== null && locateMessage(db, at.parent_id)?.active_child_id === messageId) {
    setActiveChild(db, at.parent_id, sibling ?? null)
  }
  let leaf = previousLeafId
  if (at.on_path === 1) {
    if (sibling !== undefined) {
      markPathFrom(db, sibling)
      leaf = leafBelow(db, sibling)
    } else leaf = at.parent_id
  }
  addToMessageCount(db, sessionId, -rows.length)
  setCurrentLeaf(db, sessionId, leaf)
  return { sessionId, removed: rows.map(messageFromRow), previousLeafId }
}

/**
 * Inserts `messages` below their parents (restore and import). Each becomes its parent's
 * remembered choice unless that parent is on the path with a child there already. Returns the
 * last message added.
 */
export function insertBranch(db: Database, sessionId: string, messages: Message[]): string | null {
  const stored = resolveParents(messages, leafOf(db, sessionId))
  for (const m of stored) {
    if (m.sessionId !== sessionId) {
      throw new MirrorError('VALIDATION_FAILED', `Message ${m.id} belongs to another session.`)
    }
    if (locateMessage(db, m.id)) {
      throw new MirrorError('VALIDATION_FAILED', `A message with id ${m.id} already exists.`)
    }
    const parent = m.parentId === null ? null : locateIn(db, sessionId, m.parentId)
    insertMessage(db, m, m.parentId, false)
    if (parent && (parent.active_child_id === null || parent.on_path === 0)) {
      setActiveChild(db, m.parentId!, m.id)
    }
  }
  addToMessageCount(db, sessionId, stored.length)
  return stored.at(-1)?.id ?? null
}

/** Switches to `target` (when there is one) and records the leaf. */
export function settlePath(db: Database, sessionId: string, target: string | null): void {
  if (target === null) return
  setCurrentLeaf(db, sessionId, selectPath(db, sessionId, target))
}

export function pathTo(db: Database, messageId: string): Message[] {
  if (!locateMessage(db, messageId)) throw messageNotFound(messageId)
  return walkUp(db, messageId, Number.MAX_SAFE_INTEGER).reverse().map(messageFromRow)
}
