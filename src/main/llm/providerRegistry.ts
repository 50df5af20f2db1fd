import { MirrorError } from '../../shared/errors'
import { OFFLINE_PROVIDER_ID, OfflineEngine } from './offlineEngine'
import type { ChatProvider, ProviderRegistry as ProviderRegistryApi } from './provider'

/**
 * The providers a mirror can stream from. The offline engine is always present, so there is
 * always a default that works without a network or an API key.
 */
export class ProviderRegistry implements ProviderRegistryApi {
  private readonly providers = new Map<string, ChatProvider>()
  private defaultId: string

  constructor(providers: ChatProvider[] = [], defaultId: string = OFFLINE_PROVIDER_ID) {
    if (!providers.some((p) => p.id === OFFLINE_PROVIDER_ID)) this.register(new OfflineEngine())
    for (const p of providers) this.register(p)
    this.defaultId = OFFLINE_PROVIDER_ID
    this.setDefault(defaultId)
  }

  /** Adds a provider or replaces the one with the same id. */
  register(provider: ChatProvider): void {
    this.providers.set(provider.id, provider)
  }

  /** Removes a provider; the offline engine stays, and the default falls back to it. */
  unregister(id: string): boolean {
    if (id === OFFLINE_PROVIDER_ID) return false
    const removed = this.providers.delete(id)
    if (removed && this.defaultId === id) this.defaultId = OFFLINE_PROVIDER_ID
    return removed
  }

  setDefault(id: string): void {
    this.defaultId = this.get(id).id
  }

  get(id: string): ChatProvider {
    const provider = this.providers.get(id)
    if (!provider) {
      throw new MirrorError('PROVIDER_NOT_CONFIGURED', `No provider with id ${id} is configured.`, {
        id,
      })
    }
    return provider
  }

  has(id: string): boolean {
    return this.providers.has(id)
  }

  defaultProvider(): ChatProvider {
    return this.get(this.defaultId)
  }

  list(): ChatProvider[] {
    return [...this.providers.values()]
  }
}
