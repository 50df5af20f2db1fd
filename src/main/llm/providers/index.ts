import type { ApiKeys } from '../apiKeys'
import type { ProviderStore } from '../providerStore'
import type { CallOptionOverrides } from './aiSdkStream'
import { ConfiguredProvider } from './configuredProvider'

export { ConfiguredProvider } from './configuredProvider'
export type { ConfiguredProviderDeps } from './configuredProvider'
export { DEFAULT_CALL_OPTIONS } from './aiSdkStream'
export { removeProvider } from '../providerStore'
export type { CallOptionOverrides, ProviderCallOptions } from './aiSdkStream'

export interface LoadedProviders {
  providers: ConfiguredProvider[]
  /** The user's default, or null for the offline engine. */
  defaultProviderId: string | null
}

/**
 * Chat providers for everything in the provider settings file, ready to register with the
 * ProviderRegistry. Keys are read from the keychain at each request, not now.
 */
export async function loadConfiguredProviders(
  store: ProviderStore,
  keys: ApiKeys,
  options?: CallOptionOverrides,
): Promise<LoadedProviders> {
  const settings = await store.read()
  const getApiKey = (id: string): Promise<string | null> => keys.get(id)
  return {
    providers: settings.providers.map(
      (config) => new ConfiguredProvider(config, { getApiKey, ...(options ? { options } : {}) }),
    ),
    defaultProviderId: settings.defaultProviderId,
  }
}
