import { baseUrlOf } from '../providerConfig'
import type { ProviderConfig, ProviderType } from '../providerConfig'
import { createEmbedder } from './embedder'
import type { Embedder } from './embedder'

/**
 * The embedding model each kind uses when the provider names none. OpenAI-compatible servers
 * serve whatever they loaded, so they embed only when one is named; Anthropic has no embeddings.
 */
export const DEFAULT_EMBEDDING_MODELS: Record<ProviderType, string | null> = {
  openai: 'text-embedding-3-small',
  ollama: 'nomic-embed-text',
  'openai-compatible': null,
  anthropic: null,
}

export function embeddingModelOf(config: ProviderConfig): string | null {
  if (config.type === 'anthropic') return null
  return config.embeddingModel ?? DEFAULT_EMBEDDING_MODELS[config.type]
}

/** The provider's embedder, or null when it offers none (recall then stays lexical). */
export function embedderFor(
  config: ProviderConfig,
  getApiKey: () => Promise<string | null>,
): Embedder | null {
  const model = embeddingModelOf(config)
  if (model === null || config.type === 'anthropic') return null
  return createEmbedder({
    kind: config.type,
    label: config.label,
    baseUrl: baseUrlOf(config),
    model,
    getApiKey,
  })
}
