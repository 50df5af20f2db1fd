import type { Embedder } from '../../llm/embeddings/embedder'
import { isLocalChatProvider } from '../../llm/localProvider'
import type { ProviderRegistry } from '../../llm/provider'

/**
 * "Send memories only to local models" as it is by default (on). createMirror passes the
 * user's switch instead (memory-settings.json, docs/memory.md).
 */
export function memoriesOnlyToLocalModels(): boolean {
  return true
}

/**
 * The embedder past conversations may be sent to: the default provider's, when it has one and
 * is allowed to see memory (a local model while the switch is on). Null: recall stays lexical.
 */
export function memoryEmbedder(
  providers: Pick<ProviderRegistry, 'defaultProvider'>,
  localOnly: () => boolean = memoriesOnlyToLocalModels,
): Embedder | null {
  const provider = providers.defaultProvider()
  const embedder = provider.embedder ?? null
  if (!embedder) return null
  return localOnly() && !isLocalChatProvider(provider) ? null : embedder
}
