import type { Embedder } from '../../llm/embeddings/embedder'
import { isLocalProvider } from '../../llm/localProvider'
import type { ChatProvider, ProviderRegistry } from '../../llm/provider'

/**
 * "Send memories only to local models" (on by default). The switch itself lands with memory
 * scopes; until then this is the one place semantic recall reads it.
 */
export function memoriesOnlyToLocalModels(): boolean {
  return true
}

function isLocal(provider: ChatProvider): boolean {
  if (provider.kind === 'offline') return isLocalProvider({ type: 'offline' })
  if (!provider.baseUrl) return false
  return isLocalProvider({
    id: provider.id,
    type: provider.kind,
    label: provider.label,
    model: provider.defaultModel,
    baseUrl: provider.baseUrl,
  })
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
  return localOnly() && !isLocal(provider) ? null : embedder
}
