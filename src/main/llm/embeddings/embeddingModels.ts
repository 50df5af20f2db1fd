import { baseUrlOf } from '../providerConfig'
import type { ProviderConfig } from '../providerConfig'
import { createEmbedder } from './embedder'
import type { Embedder } from './embedder'
import { embeddingModelOf } from './embeddingModelChoice'

export { DEFAULT_EMBEDDING_MODELS, embeddingModelOf } from './embeddingModelChoice'

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
