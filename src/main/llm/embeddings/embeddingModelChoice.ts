import { DEFAULT_EMBEDDING_MODELS } from '../../../shared/providerKinds'
import type { ProviderConfig } from '../providerConfig'

// Kept apart from embedder.ts so the settings service can name the model without loading the AI SDK.
export { DEFAULT_EMBEDDING_MODELS }

/** The model semantic recall embeds with: the one named, else the kind's default; null for none. */
export function embeddingModelOf(config: ProviderConfig): string | null {
  if (config.type === 'anthropic') return null
  return config.embeddingModel ?? DEFAULT_EMBEDDING_MODELS[config.type]
}
