import type { Message } from '../../shared/domain'
import type { ProviderMessage } from '../llm/provider'
import type { Storage } from '../storage/storage'

/** A character budget stands in for the model's token budget until a real tokenizer exists. */
export interface ContextBudget {
  maxMessages: number
  maxChars: number
}

export const DEFAULT_CONTEXT_BUDGET: ContextBudget = { maxMessages: 40, maxChars: 24_000 }

export interface AssembledContext {
  system: string
  /** Oldest first, ending with the new user message. */
  messages: ProviderMessage[]
  /** True when earlier messages of the session were left out to fit the budget. */
  truncated: boolean
}

function usable(m: Message): boolean {
  // Failed or stopped replies with no text carry nothing the model could use.
  return m.content.trim().length > 0
}

/**
 * System prompt + the newest messages of the session that fit the budget, up to and including
 * `untilId` (the user message being answered; anything appended after it is not part of this turn).
 * The newest message is always kept, even when it alone exceeds the budget.
 */
export async function assembleContext(
  storage: Storage,
  sessionId: string,
  untilId: string,
  system: string,
  budget: ContextBudget = DEFAULT_CONTEXT_BUDGET,
): Promise<AssembledContext> {
  const page = await storage.listMessages(sessionId, { limit: budget.maxMessages + 10 })
  const end = page.items.findIndex((m) => m.id === untilId)
  const history = (end >= 0 ? page.items.slice(0, end + 1) : page.items).filter(usable)
  const kept: Message[] = []
  let chars = system.length
  for (let i = history.length - 1; i >= 0; i--) {
    const m = history[i]!
    const fits = kept.length < budget.maxMessages && chars + m.content.length <= budget.maxChars
    if (!fits && kept.length > 0) break
    kept.unshift(m)
    chars += m.content.length
  }
  return {
    system,
    messages: kept.map((m) => ({ role: m.role, content: m.content })),
    truncated: page.hasOlder || kept.length < history.length,
  }
}
