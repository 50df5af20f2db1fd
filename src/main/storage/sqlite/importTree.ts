import type { Database } from '../../sqlite/driver'
import type { Message } from '../../../shared/domain'
import { MirrorError } from '../../../shared/errors'
import { planImportTree } from '../importPlan'
import { insertMessage, locateMessage } from './messageQueries'
import { addToMessageCount, setCurrentLeaf } from './sessionQueries'
import { insertBranch, settlePath } from './sqliteTree'

const taken = (id: string): MirrorError =>
  new MirrorError('VALIDATION_FAILED', `A message with id ${id} already exists.`)

/**
 * The messages of a session that is being created (import), written with their final tree
 * fields (../importPlan.ts), so each message costs one INSERT instead of an INSERT and up to
 * three UPDATEs. A target that is not among the messages takes the general path.
 */
export function insertNewSessionTree(
  db: Database,
  sessionId: string,
  messages: Message[],
  target: string | undefined,
): void {
  const plan = planImportTree(sessionId, messages, target)
  if (!plan) {
    const last = insertBranch(db, sessionId, messages)
    settlePath(db, sessionId, target ?? last)
    return
  }
  for (const m of plan.stored) {
    if (locateMessage(db, m.id)) throw taken(m.id)
    insertMessage(db, m, m.parentId, plan.onPath.has(m.id), plan.activeChild.get(m.id) ?? null)
  }
  addToMessageCount(db, sessionId, plan.stored.length)
  setCurrentLeaf(db, sessionId, plan.leaf)
}
