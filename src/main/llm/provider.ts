import type { AttachmentRef } from '../../shared/attachments'
import type { Pattern, UncertaintyLevel } from '../../shared/domain'
import { MirrorError } from '../../shared/errors'
import type { Embedder } from './embeddings/embedder'

/** A file given to the model as itself (an image, or a PDF where the provider reads them). */
export interface ProviderFile {
  name: string
  mimeType: string
  data: Uint8Array
}

export interface ProviderMessage {
  role: 'user' | 'assistant' | 'system'
  /** Text files and PDFs read as text are already folded into it, each under its file name. */
  content: string
  /** Files sent as content parts in the provider's own wire format (user messages only). */
  files?: ProviderFile[]
  /** The stored message's attachments, before they are read (context assembly counts them). */
  attachments?: AttachmentRef[]
  /** A draft's staged files (the composer's meter): counted, never sent. */
  drafted?: Pick<AttachmentRef, 'mimeType' | 'size'>[]
}

export interface ProviderRequest {
  model: string
  /** Full system prompt (pattern + uncertainty instructions + memory), assembled by the chat service. */
  system: string
  /** Conversation so far, oldest first, ending with the user's new message. */
  messages: ProviderMessage[]
  pattern: Pattern
  uncertainty: UncertaintyLevel
}

export type ProviderDelta =
  | { type: 'text'; text: string }
  | { type: 'usage'; inputTokens: number | null; outputTokens: number | null }

/**
 * A chat model the main process can stream from. `stream` yields deltas until the reply is
 * complete; aborting `signal` ends the iteration promptly (the iterator then throws a
 * MirrorError CANCELLED or simply returns). Failures are thrown as MirrorError PROVIDER_*.
 */
export interface ChatProvider {
  readonly id: string
  readonly kind: 'offline' | 'openai' | 'anthropic' | 'ollama' | 'openai-compatible'
  /** Shown to the user; the offline engine says plainly that it is not an AI model. */
  readonly label: string
  readonly defaultModel: string
  /** Tokens the default model accepts, when known (configured providers); for context fitting. */
  readonly contextWindow?: number
  /** Where a configured provider listens (absent for the offline engine); decides whether it is a local model. */
  readonly baseUrl?: string
  /** Its embedding model, when it offers one (semantic recall); absent or null: lexical only. */
  readonly embedder?: Embedder | null
  stream(request: ProviderRequest, signal: AbortSignal): AsyncIterable<ProviderDelta>
  /**
   * A hint that a request may follow soon (the user is typing): fetch what the first request
   * would otherwise wait for, such as the API key from the keychain. Never throws.
   */
  prepare?(): void
}

/** The configured providers, built from the settings file, ready to register. */
export interface LoadedProviders {
  providers: ChatProvider[]
  /** The user's default, or null for the offline engine. */
  defaultProviderId: string | null
}

export interface ProviderRegistry {
  get(id: string): ChatProvider
  defaultProvider(): ChatProvider
  list(): ChatProvider[]
}

/** What a provider throws once its signal has aborted: the same error for every provider. */
export function cancelled(): MirrorError {
  return new MirrorError('CANCELLED', 'The reply was stopped.')
}
