import { Tiktoken } from 'js-tiktoken/lite'
import cl100kBase from 'js-tiktoken/ranks/cl100k_base'
import o200kBase from 'js-tiktoken/ranks/o200k_base'

export type TokenizerName = 'o200k_base' | 'cl100k_base' | 'estimate'

/** Chat formats wrap each message in a few tokens of role and separators (OpenAI: 3 + role). */
export const MESSAGE_OVERHEAD_TOKENS = 4
/** Tokens that start the assistant's reply. */
export const REPLY_PRIMING_TOKENS = 3

const encoders = new Map<TokenizerName, Tiktoken>()

/** Which tokenizer a model uses; only OpenAI-family models have a public one. */
export function tokenizerFor(model: string): TokenizerName {
  // OpenRouter-style "openai/gpt-4o" and Ollama-style "gpt-oss:20b" name the same families.
  const name = model.toLowerCase().split('/').pop() ?? ''
  if (/^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|gpt-oss|o1|o3|o4)/.test(name))
    return 'o200k_base'
  if (/^(gpt-4|gpt-3\.5|text-embedding-(ada|3))/.test(name)) return 'cl100k_base'
  return 'estimate'
}

function encoder(name: Exclude<TokenizerName, 'estimate'>): Tiktoken {
  let enc = encoders.get(name)
  if (!enc) {
    // Built on first use: loading the ranks takes a noticeable fraction of a second.
    enc = new Tiktoken(name === 'o200k_base' ? o200kBase : cl100kBase)
    encoders.set(name, enc)
  }
  return enc
}

/** The estimate used where no tokenizer is published: one token per 4 characters, rounded up. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4)
}

/**
 * Counts already made, per tokenizer and text: a session's history is counted again on every turn
 * (and the context meter on every keystroke), and BPE costs far more than a Map lookup. Bounded by
 * characters held, least recently used dropped first; very long texts are not kept.
 */
const MAX_CACHED_CHARS = 4_000_000
const MAX_CACHED_TEXT = 100_000
const counted = new Map<string, number>()
let cachedChars = 0

function remember(key: string, tokens: number): void {
  counted.set(key, tokens)
  cachedChars += key.length
  for (const oldest of counted.keys()) {
    if (cachedChars <= MAX_CACHED_CHARS) break
    counted.delete(oldest)
    cachedChars -= oldest.length
  }
}

/** Tokens in `text` for `model`: exact for OpenAI-family models, an estimate otherwise. */
export function countTokens(text: string, model: string): number {
  const name = tokenizerFor(model)
  if (name === 'estimate') return estimateTokens(text)
  if (text.length > MAX_CACHED_TEXT) return encoder(name).encode(text, [], []).length
  // The tokenizer name prefixes the key: the same text counts differently in each encoding.
  const key = `${name === 'o200k_base' ? 'o' : 'c'}${text}`
  const known = counted.get(key)
  if (known !== undefined) {
    // Moved to the back: the least recently counted texts are dropped first.
    counted.delete(key)
    counted.set(key, known)
    return known
  }
  // Special-token strings typed by a user are plain text, not control tokens.
  const tokens = encoder(name).encode(text, [], []).length
  remember(key, tokens)
  return tokens
}

/** Tokens one chat message costs, including its framing. */
export function countMessageTokens(content: string, model: string): number {
  return countTokens(content, model) + MESSAGE_OVERHEAD_TOKENS
}
