import type { Database } from '../../sqlite/driver'
import type { Message } from '../../../shared/domain'
import { MirrorError } from '../../../shared/errors'
import { messageNotFound, resolveParents } from '../messageTree'
import { insertMessage, locateMessage } from './messageQueries'
import { addToMessageCount, setCurrentLeaf } from './sessionQueries'
import { insertBranch, settlePath } from './sqliteTree'

const taken = (id: string): MirrorError =>
  new MirrorError('VALIDATION_FAILED', `A message with id ${id} already exists.`)

/**
 * The messages of a session that is being created (import), written with their final tree
 * fields: the same rows `insertBranch` then `settlePath` leave (each message's remembered
 * child is its last child in the list, the current path runs through `target` and on down those
 * choices), but worked out in memory, so each message costs one INSERT instead of an INSERT and
 * up to three UPDATEs. A target that is not among the messages takes the general path.
 */
export function insertNewSessionTree(
  db: Database,
  sessionId: string,
  messages: Message[],
  target: string | undefined,
): void {
  const stored = resolveParents(messages, null)
  const goal = target ?? stored.at(-1)?.id
  const byId = new Map(stored.map((m) => [m.id, m]))
  if (goal === undefined || !byId.has(goal)) {
    const last = insertBranch(db, sessionId, messages)
    settlePath(db, sessionId, target ?? last)
    return
  }
  // Checked first, in list order: each parent comes before its children, so the tree has no loop.
  const lastChild = new Map<string, string>()
  const seen = new Set<string>()
  for (const m of stored) {
    if (m.sessionId !== sessionId) {
      throw new MirrorError('VALIDATION_FAILED', `Message ${m.id} belongs to another session.`)
    }
    if (seen.has(m.id)) throw taken(m.id)
    if (m.parentId !== null && !seen.has(m.parentId)) throw messageNotFound(m.parentId)
    seen.add(m.id)
    if (m.parentId !== null) lastChild.set(m.parentId, m.id)
  }
  // The path: root … goal, then on down the remembered choices.
  const path: string[] = []
  for (let at: string | null = goal; at !== null; at = byId.get(at)!.parentId) path.push(at)
  path.reverse()
  for (let below = lastChild.get(goal); below !== undefined; below = lastChild.get(below)) {
    path.push(below)
  }
  const next = new Map(path.slice(0, -1).map((id, i) => [id, path[i + 1]!]))
  const leaf = path.at(-1)!
  for (const m of stored) {
    if (locateMessage(db, m.id)) throw taken(m.id)
    const onPath = next.has(m.id) || m.id === leaf
    insertMessage(db, m, m.parentId, onPath, next.get(m.id) ?? lastChild.get(m.id) ?? null)
  }
  addToMessageCount(db, sessionId, stored.length)
  setCurrentLeaf(db, sessionId, leaf)
}
