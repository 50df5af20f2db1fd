import { createKeytarStore, keychainService } from './keychain/keytarStore'
import type { SecretStore } from './keychain/secretStore'
import { ApiKeys } from './llm/apiKeys'
import type { ProviderRegistry } from './llm/providerRegistry'
import { ProviderStore } from './llm/providerStore'
import type { CallOptionOverrides } from './llm/providers'
import type { ProviderChange } from './services/providerSettingsService'
import { ProviderSettingsService } from './services/providerSettingsService'

export interface ProviderSetupOptions {
  /** Keychain service for API keys (default `ActiveMirror`, env `AMOS_KEYCHAIN_SERVICE`). */
  keychainService?: string
  /** A secret store other than the OS keychain (tests of the no-keychain case). */
  secrets?: SecretStore
  /** Chat timeouts and retries (tests shorten them). */
  callOptions?: CallOptionOverrides
  onChange?(change: ProviderChange): void
}

/**
 * Provider settings for a data dir, with every configured provider registered and the user's
 * default chosen. A settings file that cannot be read leaves the offline engine as the only
 * provider: chat keeps working, and Settings reports the problem when opened.
 */
export async function createProviderSettings(
  dir: string,
  registry: ProviderRegistry,
  options: ProviderSetupOptions = {},
): Promise<ProviderSettingsService> {
  const store = new ProviderStore(dir)
  const keys = new ApiKeys(
    options.secrets ?? createKeytarStore(keychainService(options.keychainService)),
  )
  const settings = new ProviderSettingsService({
    store,
    keys,
    registry,
    // The AI SDK clients load on first use, not with the core (see ProviderSettingsDeps).
    loadProviders: async () => {
      const { loadConfiguredProviders } = await import('./llm/providers')
      return loadConfiguredProviders(store, keys, options.callOptions)
    },
    ...(options.onChange ? { onChange: options.onChange } : {}),
  })
  await settings.sync().catch(() => undefined)
  return settings
}
