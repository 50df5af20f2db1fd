import type { Message, Session } from '../../shared/domain'
import type { Storage } from '../storage/storage'
import type { DraftedMemory, UserLine } from './heuristics'
import { draftByHeuristics } from './heuristics'

export interface DraftResult {
  drafts: DraftedMemory[]
  drafter: 'model' | 'heuristics'
}

/** The newest user messages read from a session for drafting. */
export const MAX_DRAFT_MESSAGES = 60

/** The user's own messages on the session's current path, oldest first (newest MAX kept). */
export async function userMessagesOf(
  storage: Pick<Storage, 'listMessages'>,
  sessionId: string,
): Promise<Message[]> {
  const found: Message[] = []
  let before: string | null = null
  for (;;) {
    const page = await storage.listMessages(sessionId, { limit: 100, before })
    const users = page.items.filter((m) => m.role === 'user' && m.content.trim().length > 0)
    found.unshift(...users)
    const first = page.items[0]
    if (found.length >= MAX_DRAFT_MESSAGES || !page.hasOlder || !first) break
    before = first.id
  }
  return found.slice(-MAX_DRAFT_MESSAGES)
}

export const toLine = (m: Message): UserLine => ({ id: m.id, content: m.content })

/** Offline drafting: the heuristics over every user message (it never leaves this machine). */
export async function draftOffline(
  storage: Pick<Storage, 'listMessages'>,
  session: Session,
): Promise<DraftResult> {
  const messages = await userMessagesOf(storage, session.id)
  return { drafts: draftByHeuristics(messages.map(toLine)), drafter: 'heuristics' }
}
