/** Provider kinds and their labels, without schemas, so the renderer can use them without bundling zod. */

/** Kinds a user can configure; `offline` is the built-in engine and cannot be added. */
export const PROVIDER_KINDS = ['openai', 'anthropic', 'ollama', 'openai-compatible'] as const
export type ProviderKind = (typeof PROVIDER_KINDS)[number]

export const PROVIDER_KIND_LABELS: Record<ProviderKind, string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  ollama: 'Ollama',
  'openai-compatible': 'OpenAI-compatible',
}

/** Suggested when the user names no model (an OpenAI-compatible server has no sensible default). */
export const DEFAULT_MODELS: Record<ProviderKind, string | null> = {
  openai: 'gpt-4o-mini',
  anthropic: 'claude-sonnet-4-5',
  ollama: 'llama3.2',
  'openai-compatible': null,
}

/**
 * The embedding model for semantic recall when the provider names none. OpenAI-compatible servers
 * serve whatever they loaded, so they embed only when one is named; Anthropic has no embeddings.
 */
export const DEFAULT_EMBEDDING_MODELS: Record<ProviderKind, string | null> = {
  openai: 'text-embedding-3-small',
  ollama: 'nomic-embed-text',
  'openai-compatible': null,
  anthropic: null,
}
