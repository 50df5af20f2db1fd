import type { Message, Session } from '../../shared/domain'
import type { MemoryPrivacy } from '../../shared/memory'
import { isLocalChatProvider } from '../llm/localProvider'
import type { ProviderRegistry } from '../llm/provider'
import { resolveProvider } from '../services/sessionProvider'
import type { Storage } from '../storage/storage'
import type { DraftedMemory, UserLine } from './heuristics'
import { draftByHeuristics } from './heuristics'
import { askForDrafts, parseDraftReply } from './modelDrafter'

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

export interface DraftingDeps {
  storage: Pick<Storage, 'listMessages'>
  providers: ProviderRegistry
  privacy: { get(): Promise<MemoryPrivacy> }
  timeoutMs?: number
}

/**
 * Drafts by the session's model when it is a configured one and allowed ("Send memories only
 * to local models" off, or the model is local), else by the offline heuristics. A model that
 * is not local never sees a sensitive message. A model that fails, or answers something that
 * cannot be read, gives way to the heuristics.
 */
export async function draftMemories(deps: DraftingDeps, session: Session): Promise<DraftResult> {
  const messages = await userMessagesOf(deps.storage, session.id)
  const heuristics = (): DraftResult => ({
    drafts: draftByHeuristics(messages.map(toLine)),
    drafter: 'heuristics',
  })
  const { provider, model } = resolveProvider(deps.providers, session)
  if (provider.kind === 'offline') return heuristics()
  const local = isLocalChatProvider(provider)
  if (!local && (await deps.privacy.get()).localOnly) return heuristics()
  const lines = messages.filter((m) => local || !m.sensitive).map(toLine)
  if (lines.length === 0) return heuristics()
  try {
    const reply = await askForDrafts(provider, model, lines, deps.timeoutMs)
    const drafts = parseDraftReply(reply, new Set(lines.map((l) => l.id)))
    if (drafts) return { drafts, drafter: 'model' }
  } catch {
    // Unreachable, refused, too slow: the heuristics still work offline.
  }
  return heuristics()
}
