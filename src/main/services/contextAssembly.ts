import type { Message } from '../../shared/domain'
import type { ChatProvider, ProviderMessage } from '../llm/provider'
import type { TokenizerName } from '../llm/tokenizer'
import type { Storage } from '../storage/storage'

/** Planned for when a provider does not say (the offline engine, test doubles). */
export const FALLBACK_CONTEXT_WINDOW = 8_192
/**
 * At most this many messages are read and counted per turn, however large the window: counting
 * thousands of messages with a real tokenizer on every send would make long sessions slow.
 */
export const MAX_CONTEXT_MESSAGES = 400

/** Overrides for tests and hosts; by default everything comes from the provider's model. */
export interface ContextBudget {
  contextWindow?: number
  reserveForReply?: number
  maxMessages?: number
}

export interface ContextTarget {
  model: string
  contextWindow: number
}

export interface AssembledContext {
  system: string
  /** Oldest first, ending with the new user message. */
  messages: ProviderMessage[]
  /** Ids of the stored messages in `messages`, same order. */
  messageIds: string[]
  /** True when earlier messages of the session were left out to fit the window. */
  truncated: boolean
  /** What the model will see (system + messages + reply priming) and the window planned for. */
  tokens: { used: number; window: number }
  tokenizer: TokenizerName
}

export function contextTarget(
  provider: ChatProvider,
  model: string,
  budget?: ContextBudget,
): ContextTarget {
  return {
    model,
    contextWindow: budget?.contextWindow ?? provider.contextWindow ?? FALLBACK_CONTEXT_WINDOW,
  }
}

function usable(m: Message): boolean {
  // Failed or stopped replies with no text carry nothing the model could use.
  return m.content.trim().length > 0
}

const PAGE = 100

/**
 * Reads the session backwards from `untilId` (the user message being answered; anything
 * appended after it is not part of this turn) until the messages read would overflow the
 * window or the cap is reached. Oldest first.
 */
async function readHistory(
  storage: Storage,
  sessionId: string,
  untilId: string | null,
  target: ContextTarget,
  maxMessages: number,
): Promise<{ history: Message[]; more: boolean }> {
  // Loaded on first use: the tokenizer ranks are megabytes that commands without chat never need.
  const { countMessageTokens } = await import('../llm/tokenizer')
  const newestFirst: Message[] = []
  let tokens = 0
  let before: string | null = null
  let found = untilId === null
  for (;;) {
    const page = await storage.listMessages(sessionId, { limit: PAGE, before })
    const items = page.items
    let end = items.length
    if (!found) {
      // Messages appended after `untilId` belong to a later turn.
      const at = items.findIndex((m) => m.id === untilId)
      found = at >= 0
      end = at + 1
    }
    for (let i = end - 1; i >= 0; i--) {
      const m = items[i]!
      if (!usable(m)) continue
      if (newestFirst.length >= maxMessages || tokens > target.contextWindow) {
        return { history: newestFirst.reverse(), more: true }
      }
      newestFirst.push(m)
      tokens += countMessageTokens(m.content, target.model)
    }
    const first = items[0]
    if (!page.hasOlder || !first) return { history: newestFirst.reverse(), more: false }
    before = first.id
  }
}

/**
 * System prompt + the newest messages of the session that fit the model's context window
 * (real tokenizer where one is published, an estimate otherwise). The newest message is always
 * kept, even when it alone overflows; `extra` (a draft not stored yet) comes last.
 */
export async function assembleContext(
  storage: Storage,
  sessionId: string,
  untilId: string | null,
  system: string,
  target: ContextTarget,
  budget: ContextBudget = {},
  extra?: ProviderMessage,
): Promise<AssembledContext> {
  const maxMessages = budget.maxMessages ?? MAX_CONTEXT_MESSAGES
  const { fitToContext } = await import('../llm/contextWindow')
  const { history, more } = await readHistory(storage, sessionId, untilId, target, maxMessages)
  const candidates: ProviderMessage[] = history.map((m) => ({ role: m.role, content: m.content }))
  if (extra) candidates.push(extra)
  const fitted = fitToContext({
    model: target.model,
    system,
    messages: candidates,
    contextWindow: target.contextWindow,
    ...(budget.reserveForReply !== undefined ? { reserveForReply: budget.reserveForReply } : {}),
  })
  const keptIds = history.slice(fitted.dropped).map((m) => m.id)
  return {
    system,
    messages: fitted.messages,
    messageIds: keptIds,
    truncated: more || fitted.dropped > 0,
    tokens: { used: fitted.totalTokens, window: fitted.contextWindow },
    tokenizer: fitted.tokenizer,
  }
}
