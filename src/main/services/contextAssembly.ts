import type { Message } from '../../shared/domain'
import type * as ContextWindowExports from '../llm/contextWindow'
import type { ChatProvider, ProviderMessage } from '../llm/provider'
import type * as TokenizerExports from '../llm/tokenizer'
import type { TokenizerName } from '../llm/tokenizer'
import type { Storage } from '../storage/storage'
import { estimateAttachmentTokens } from '../attachments/modelAttachments'
import { toProviderMessage } from './providerMessage'

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
  return m.content.trim().length > 0 || (m.attachments?.length ?? 0) > 0
}

/** Tokens of a message: its text counted, its attachments estimated before they are read. */
function messageCost(
  count: (text: string, model: string) => number,
  message: ProviderMessage,
  model: string,
): number {
  return (
    count(message.content, model) +
    estimateAttachmentTokens(message.attachments) +
    estimateAttachmentTokens(message.drafted)
  )
}

const PAGE = 100

type TokenizerModule = typeof TokenizerExports
type ContextWindowModule = typeof ContextWindowExports
let tokenizerModule: Promise<TokenizerModule> | null = null
let contextWindowModule: Promise<ContextWindowModule> | null = null

// Loaded on first use: the tokenizer ranks are megabytes that commands without chat never need.
// Kept after that: under a loader hook (tsx) every import() call is resolved again, which costs
// milliseconds per turn.
const loadTokenizer = (): Promise<TokenizerModule> =>
  (tokenizerModule ??= import('../llm/tokenizer'))
const loadContextWindow = (): Promise<ContextWindowModule> =>
  (contextWindowModule ??= import('../llm/contextWindow'))

interface History {
  /** Oldest first, as the provider will receive them. */
  history: ProviderMessage[]
  /** Ids of the stored messages in `history`, same order. */
  ids: string[]
  /** countMessageTokens of each message in `history`, same order. */
  costs: number[]
  more: boolean
}

/**
 * Reads the session's current path backwards (from `startBefore` when given), newest first, until the messages read would overflow the window or
 * the cap is reached. `newId` is the message being answered: its write may overlap this read, so
 * if it is already stored it is left out here (it is counted last, as the new message), together
 * with anything stored after it (a later turn). Both can only be among the newest page. Oldest first.
 */
async function readHistory(
  storage: Storage,
  sessionId: string,
  newId: string | null,
  target: ContextTarget,
  maxMessages: number,
  startBefore: string | null,
): Promise<History> {
  const { countMessageTokens } = await loadTokenizer()
  const newestFirst: ProviderMessage[] = []
  const ids: string[] = []
  const costs: number[] = []
  let tokens = 0
  const done = (more: boolean): History => ({
    history: newestFirst.reverse(),
    ids: ids.reverse(),
    costs: costs.reverse(),
    more,
  })
  let before: string | null = startBefore
  for (let newest = true; ; newest = false) {
    const page = await storage.listMessages(sessionId, { limit: PAGE, before })
    const items = page.items
    let end = items.length
    if (newest && newId !== null) {
      const at = items.findIndex((m) => m.id === newId)
      if (at >= 0) end = at
    }
    for (let i = end - 1; i >= 0; i--) {
      const m = items[i]!
      if (!usable(m)) continue
      if (newestFirst.length >= maxMessages || tokens > target.contextWindow) return done(true)
      const message = toProviderMessage(m)
      const cost = messageCost(countMessageTokens, message, target.model)
      newestFirst.push(message)
      ids.push(m.id)
      costs.push(cost)
      tokens += cost
    }
    const first = items[0]
    if (!page.hasOlder || !first) return done(false)
    before = first.id
  }
}

/** The turn's new message, counted last and always kept. */
export interface NewMessage {
  /** The stored message's id (a draft being typed has none). */
  id: string | null
  message: ProviderMessage
}

/**
 * System prompt + the newest messages of the session that fit the model's context window
 * (real tokenizer where one is published, an estimate otherwise), ending with `newMessage`, which
 * is always kept, even when it alone overflows. The history is read while `system` is still being
 * put together (context sources may take a while). `historyBefore` (a message on the current
 * path) reads only what comes before it: a regenerated reply's context ends at its parent.
 */
export async function assembleContext(
  storage: Storage,
  sessionId: string,
  system: string | Promise<string>,
  target: ContextTarget,
  budget: ContextBudget = {},
  newMessage?: NewMessage,
  historyBefore: string | null = null,
): Promise<AssembledContext> {
  const maxMessages = budget.maxMessages ?? MAX_CONTEXT_MESSAGES
  const [{ fitToContext }, { countMessageTokens }, read, systemText] = await Promise.all([
    loadContextWindow(),
    loadTokenizer(),
    readHistory(storage, sessionId, newMessage?.id ?? null, target, maxMessages, historyBefore),
    system,
  ])
  const { history: candidates, ids, costs, more } = read
  if (newMessage) {
    candidates.push(newMessage.message)
    costs.push(messageCost(countMessageTokens, newMessage.message, target.model))
    if (newMessage.id !== null) ids.push(newMessage.id)
  }
  const fitted = fitToContext({
    model: target.model,
    system: systemText,
    messages: candidates,
    messageCosts: costs,
    contextWindow: target.contextWindow,
    ...(budget.reserveForReply !== undefined ? { reserveForReply: budget.reserveForReply } : {}),
  })
  // A draft has no id and is last, so the slice still lines up with the kept messages.
  const keptIds = ids.slice(fitted.dropped)
  return {
    system: systemText,
    messages: fitted.messages,
    messageIds: keptIds,
    truncated: more || fitted.dropped > 0,
    tokens: { used: fitted.totalTokens, window: fitted.contextWindow },
    tokenizer: fitted.tokenizer,
  }
}
