import type { ProviderMessage } from './provider'
import type { ProviderType } from './providerConfig'
import { REPLY_PRIMING_TOKENS, countMessageTokens, tokenizerFor } from './tokenizer'
import type { TokenizerName } from './tokenizer'

// Published context windows, longest prefix first. Unknown models get a cautious default.
const KNOWN_WINDOWS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^gpt-4\.1/, 1_047_576],
  [/^gpt-5/, 400_000],
  [/^(gpt-4o|chatgpt-4o|gpt-4-turbo|gpt-4\.5)/, 128_000],
  [/^gpt-oss/, 131_072],
  [/^(o1|o3|o4)/, 200_000],
  [/^gpt-4-32k/, 32_768],
  [/^gpt-4/, 8_192],
  [/^gpt-3\.5-turbo/, 16_385],
  [/^claude/, 200_000],
]

const DEFAULT_WINDOW: Record<ProviderType, number> = {
  openai: 128_000,
  anthropic: 200_000,
  // Ollama's default num_ctx; a bigger window has to be configured on the model anyway.
  ollama: 4_096,
  'openai-compatible': 8_192,
}

/** The context window to plan for: the configured one, else the model's published one, else a default. */
export function contextWindowFor(type: ProviderType, model: string, configured?: number): number {
  if (configured) return configured
  const name = model.toLowerCase().split('/').pop() ?? ''
  for (const [pattern, window] of KNOWN_WINDOWS) if (pattern.test(name)) return window
  return DEFAULT_WINDOW[type]
}

/** Room kept free for the reply: a quarter of the window, at most 4096 tokens. */
export function defaultReplyReserve(contextWindow: number): number {
  return Math.min(4_096, Math.floor(contextWindow / 4))
}

export interface FitInput {
  model: string
  system: string
  /** Oldest first, ending with the message being answered. */
  messages: ProviderMessage[]
  contextWindow: number
  /** Tokens kept free for the reply; defaults to defaultReplyReserve(contextWindow). */
  reserveForReply?: number
  /** countMessageTokens of each message, same order, when the caller has counted them already. */
  messageCosts?: readonly number[]
}

export interface FittedContext {
  system: string
  /** The newest messages that fit, oldest first. */
  messages: ProviderMessage[]
  /** How many older messages were left out. */
  dropped: number
  tokenizer: TokenizerName
  systemTokens: number
  messageTokens: number
  /** systemTokens + messageTokens + reply priming: what the model will see. */
  totalTokens: number
  contextWindow: number
  reserveForReply: number
  /** contextWindow − reserveForReply. */
  budget: number
  /** False when even the system prompt and the newest message exceed the budget (both are still sent). */
  fits: boolean
}

/**
 * Keeps the system prompt and as many of the newest messages as fit in the window minus the room
 * reserved for the reply. The newest message is always kept, since without it there is nothing to
 * answer; `fits` says whether the result is within the budget.
 */
export function fitToContext(input: FitInput): FittedContext {
  const reserveForReply = input.reserveForReply ?? defaultReplyReserve(input.contextWindow)
  const budget = Math.max(0, input.contextWindow - reserveForReply)
  const systemTokens = input.system.trim() ? countMessageTokens(input.system, input.model) : 0
  let used = systemTokens + REPLY_PRIMING_TOKENS
  let messageTokens = 0
  let start = input.messages.length
  for (let i = input.messages.length - 1; i >= 0; i--) {
    const cost =
      input.messageCosts?.[i] ?? countMessageTokens(input.messages[i]!.content, input.model)
    const isNewest = i === input.messages.length - 1
    if (!isNewest && used + cost > budget) break
    used += cost
    messageTokens += cost
    start = i
  }
  return {
    system: input.system,
    messages: input.messages.slice(start),
    dropped: start,
    tokenizer: tokenizerFor(input.model),
    systemTokens,
    messageTokens,
    totalTokens: used,
    contextWindow: input.contextWindow,
    reserveForReply,
    budget,
    fits: used <= budget,
  }
}
