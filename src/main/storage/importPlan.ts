import type { Message } from '../../shared/domain'
import { MirrorError } from '../../shared/errors'
import { messageNotFound, resolveParents } from './messageTree'
import type { StoredMessage } from './messageTree'

const taken = (id: string): MirrorError =>
  new MirrorError('VALIDATION_FAILED', `A message with id ${id} already exists.`)

/** A new session's messages with their final tree fields, worked out before any is written. */
export interface ImportPlan {
  /** Each message with its parent resolved, in list order (parents before children). */
  stored: StoredMessage[]
  /** The child each message points at: the next one on the path, else its last child. */
  activeChild: Map<string, string>
  onPath: Set<string>
  leaf: string
}

/**
 * The rows `insertBranch` then `settlePath` would leave for a session being created (import):
 * each message's remembered child is its last child in the list, and the current path runs
 * through `target` (default: the last message) and on down those choices. Checks, in list
 * order, that every message is of the session, no id repeats and each parent comes first.
 * Null when `target` is not among the messages (the backend then takes its general path).
 * Used by the SQLite and PostgreSQL backends, so both import a tree alike.
 */
export function planImportTree(
  sessionId: string,
  messages: readonly Message[],
  target: string | undefined,
): ImportPlan | null {
  const stored = resolveParents(messages, null)
  const goal = target ?? stored.at(-1)?.id
  const byId = new Map(stored.map((m) => [m.id, m]))
  if (goal === undefined || !byId.has(goal)) return null
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
  const activeChild = new Map(lastChild)
  path.slice(0, -1).forEach((id, i) => activeChild.set(id, path[i + 1]!))
  return { stored, activeChild, onPath: new Set(path), leaf: path.at(-1)! }
}
