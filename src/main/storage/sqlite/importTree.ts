import type { Database } from '../../sqlite/driver'
import type { Message } from '../../../shared/domain'
import { MirrorError } from '../../../shared/errors'
import type { ImportPlan } from '../importPlan'
import { isConstraint } from '../../sqlite/sqliteErrors'
import { insertMessage } from './messageQueries'
import { insertBranch, settlePath } from './sqliteTree'

const taken = (id: string): MirrorError =>
  new MirrorError('VALIDATION_FAILED', `A message with id ${id} already exists.`)

/**
 * The messages of a session being created (import), written with their final tree fields
 * (../importPlan.ts), so each message costs one INSERT instead of an INSERT and up to three
 * UPDATEs. The session row is written first, with the plan's count and leaf.
 */
export function insertPlannedMessages(db: Database, plan: ImportPlan): void {
  for (const m of plan.stored) {
    try {
      insertMessage(db, m, m.parentId, plan.onPath.has(m.id), plan.activeChild.get(m.id) ?? null)
    } catch (error) {
      // The UNIQUE index is the check: no lookup per message before it.
      if (isConstraint(error, 'UNIQUE')) throw taken(m.id)
      throw error
    }
  }
}

/**
 * A session being created with messages that do not plan (a target not among them): inserted
 * one by one, then the path settled, as appends would leave it.
 */
export function insertUnplannedMessages(
  db: Database,
  sessionId: string,
  messages: Message[],
  target: string | undefined,
): void {
  const last = insertBranch(db, sessionId, messages)
  settlePath(db, sessionId, target ?? last)
}
