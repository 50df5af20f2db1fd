import { MirrorError } from '../../shared/errors'
import type {
  ConnectionTest,
  ProviderDraft,
  ProviderInfo,
  ProviderList,
  ProviderPatchInput,
} from '../../shared/routeGroups/providers'
import type { ApiKeys } from '../llm/apiKeys'
import type { CatalogOptions } from '../llm/modelCatalog'
import { embeddingModelOf } from '../llm/embeddings/embeddingModelChoice'
import { OFFLINE_PROVIDER_ID } from '../llm/offlineEngine'
import type { ChatProvider, LoadedProviders } from '../llm/provider'
import { KEY_REQUIRED, baseUrlOf } from '../llm/providerConfig'
import type { ProviderConfig, ProviderType } from '../llm/providerConfig'
import type { ProviderRegistry } from '../llm/providerRegistry'
import { removeProvider } from '../llm/providerStore'
import type { ProviderStore } from '../llm/providerStore'
import { FALLBACK_CONTEXT_WINDOW } from './contextAssembly'

// The tokenizer ranks take a while to load: only commands and windows that use them pay for them.
const windows = () => import('../llm/contextWindow')

/** What changed, for whoever records it (the continuity log hooks in here). Never holds a key. */
export type ProviderChange =
  | { kind: 'added' | 'updated' | 'removed' | 'keySet' | 'keyCleared'; providerId: string }
  | { kind: 'defaultChanged'; providerId: string | null }

export interface ProviderSettingsApi {
  list(): Promise<ProviderList>
  add(draft: ProviderDraft): Promise<ProviderInfo>
  update(id: string, patch: ProviderPatchInput): Promise<ProviderInfo>
  /** Removes the settings entry and the key in the keychain. */
  remove(id: string): Promise<{ removed: boolean }>
  /** Stores the key in the OS keychain (KEYCHAIN_UNAVAILABLE when there is none). */
  setKey(id: string, key: string): Promise<ProviderInfo>
  clearKey(id: string): Promise<ProviderInfo>
  /** `null` or `offline`: the offline engine. */
  setDefault(id: string | null): Promise<ProviderList>
  models(id: string): Promise<{ models: string[] }>
  test(id: string): Promise<ConnectionTest>
  /** Re-reads the settings file into the registry (another process may have changed it). */
  sync(): Promise<void>
}

export interface ProviderSettingsDeps {
  store: ProviderStore
  keys: ApiKeys
  registry: ProviderRegistry
  /**
   * Builds the configured providers (the AI SDK clients) from the settings file. createMirror
   * passes a loader that imports the clients only when first called: they take most of a second
   * to load, and `amos sessions list` never needs them.
   */
  loadProviders(): Promise<LoadedProviders>
  /** Timeouts for model lists and connection tests. */
  catalog?: CatalogOptions
  /** Called after each successful change; the place to record it in the continuity log. */
  onChange?(change: ProviderChange): void
}

// Settings answers should come back quickly; a model that is still loading is a chat concern.
const CATALOG_DEFAULTS: CatalogOptions = {
  timeouts: { connectTimeoutMs: 10_000, idleTimeoutMs: 20_000 },
}

// The shared contract repeats the kinds (it may not import main); this fails to compile if they drift.
const KINDS_MATCH: [ProviderType] extends [ProviderDraft['type']]
  ? [ProviderDraft['type']] extends [ProviderType]
    ? true
    : false
  : false = true
void KINDS_MATCH

function offlineInfo(
  engine: ChatProvider,
  isDefault: boolean,
  fallbackWindow: number,
): ProviderInfo {
  return {
    id: engine.id,
    type: 'offline',
    label: engine.label,
    model: engine.defaultModel,
    baseUrl: null,
    configuredContextWindow: null,
    contextWindow: engine.contextWindow ?? fallbackWindow,
    embeddingModel: null,
    configuredEmbeddingModel: null,
    hasKey: false,
    keyRequired: false,
    builtIn: true,
    isDefault,
  }
}

function baseUrlOrNull(config: ProviderConfig): string | null {
  try {
    return baseUrlOf(config)
  } catch {
    return null
  }
}

/**
 * Provider settings for the hosts: the settings file (providerStore), keys in the keychain
 * (apiKeys) and the live ProviderRegistry, kept in step after every change.
 */
export class ProviderSettingsService implements ProviderSettingsApi {
  constructor(private readonly deps: ProviderSettingsDeps) {}

  async sync(): Promise<void> {
    const { store, registry } = this.deps
    const configured = await store.read()
    const registered = registry.list().some((p) => p.id !== OFFLINE_PROVIDER_ID)
    if (configured.providers.length === 0 && !registered) {
      registry.setDefault(OFFLINE_PROVIDER_ID)
      return
    }
    const loaded = await this.deps.loadProviders()
    const wanted = new Set(loaded.providers.map((p) => p.id))
    for (const p of registry.list()) {
      if (p.id !== OFFLINE_PROVIDER_ID && !wanted.has(p.id)) registry.unregister(p.id)
    }
    for (const p of loaded.providers) registry.register(p)
    registry.setDefault(loaded.defaultProviderId ?? OFFLINE_PROVIDER_ID)
  }

  async list(): Promise<ProviderList> {
    await this.sync()
    const { store, registry } = this.deps
    const settings = await store.read()
    const defaultId = settings.defaultProviderId ?? OFFLINE_PROVIDER_ID
    const configured = await Promise.all(
      settings.providers.map((c) => this.info(c, c.id === defaultId)),
    )
    const offline = offlineInfo(
      registry.get(OFFLINE_PROVIDER_ID),
      defaultId === OFFLINE_PROVIDER_ID,
      FALLBACK_CONTEXT_WINDOW,
    )
    return { providers: [offline, ...configured], defaultProviderId: defaultId }
  }

  async add(draft: ProviderDraft): Promise<ProviderInfo> {
    const { label, ...rest } = draft
    const config = await this.deps.store.add({
      ...rest,
      label: label ?? draft.id,
    })
    await this.changed({ kind: 'added', providerId: config.id })
    return this.infoFor(config.id)
  }

  async update(id: string, patch: ProviderPatchInput): Promise<ProviderInfo> {
    if ('apiKey' in patch) {
      throw new MirrorError('VALIDATION_FAILED', 'Set the API key with its own field.')
    }
    await this.deps.store.update(id, patch)
    await this.changed({ kind: 'updated', providerId: id })
    return this.infoFor(id)
  }

  async remove(id: string): Promise<{ removed: boolean }> {
    if (id === OFFLINE_PROVIDER_ID) {
      throw new MirrorError('VALIDATION_FAILED', 'The offline engine is built in and stays.')
    }
    const removed = await removeProvider(this.deps.store, this.deps.keys, id)
    if (removed) await this.changed({ kind: 'removed', providerId: id })
    return { removed }
  }

  async setKey(id: string, key: string): Promise<ProviderInfo> {
    const config = await this.configured(id)
    if (config.type === 'ollama') {
      throw new MirrorError(
        'VALIDATION_FAILED',
        'Ollama does not use an API key; nothing was stored.',
      )
    }
    await this.deps.keys.set(id, key)
    await this.changed({ kind: 'keySet', providerId: id })
    return this.info(config, await this.isDefault(id))
  }

  async clearKey(id: string): Promise<ProviderInfo> {
    const config = await this.configured(id)
    await this.deps.keys.delete(id)
    await this.changed({ kind: 'keyCleared', providerId: id })
    return this.info(config, await this.isDefault(id))
  }

  async setDefault(id: string | null): Promise<ProviderList> {
    const target = id === OFFLINE_PROVIDER_ID ? null : id
    await this.deps.store.setDefault(target)
    await this.changed({ kind: 'defaultChanged', providerId: target })
    return this.list()
  }

  async models(id: string): Promise<{ models: string[] }> {
    const config = await this.configured(id)
    const key = await this.keyFor(config)
    const { listModels } = await import('../llm/modelCatalog')
    return { models: await listModels(config, key, this.deps.catalog ?? CATALOG_DEFAULTS) }
  }

  async test(id: string): Promise<ConnectionTest> {
    const config = await this.configured(id)
    let key: string | null
    try {
      key = await this.keyFor(config)
    } catch (error) {
      if (error instanceof MirrorError) return { ok: false, error: error.toInfo() }
      throw error
    }
    const { testConnection } = await import('../llm/connectionTest')
    return testConnection(config, key, this.deps.catalog ?? CATALOG_DEFAULTS)
  }

  private async changed(change: ProviderChange): Promise<void> {
    await this.sync()
    try {
      this.deps.onChange?.(change)
    } catch {
      // Recording a change must never undo or fail the change itself.
    }
  }

  private async configured(id: string): Promise<ProviderConfig> {
    if (id === OFFLINE_PROVIDER_ID) {
      throw new MirrorError('VALIDATION_FAILED', 'The offline engine has no settings to change.')
    }
    return this.deps.store.get(id)
  }

  /** A keyless kind keeps working without a keychain; a cloud API reports it missing. */
  private async keyFor(config: ProviderConfig): Promise<string | null> {
    if (config.type === 'ollama') return null
    if (!KEY_REQUIRED[config.type]) return this.deps.keys.get(config.id).catch(() => null)
    return this.deps.keys.get(config.id)
  }

  private async isDefault(id: string): Promise<boolean> {
    return (await this.deps.store.defaultProviderId()) === id
  }

  private async infoFor(id: string): Promise<ProviderInfo> {
    return this.info(await this.deps.store.get(id), await this.isDefault(id))
  }

  private async info(config: ProviderConfig, isDefault: boolean): Promise<ProviderInfo> {
    const { contextWindowFor } = await windows()
    return {
      id: config.id,
      type: config.type,
      label: config.label,
      model: config.model,
      baseUrl: baseUrlOrNull(config),
      configuredContextWindow: config.contextWindow ?? null,
      contextWindow: contextWindowFor(config.type, config.model, config.contextWindow),
      embeddingModel: embeddingModelOf(config),
      configuredEmbeddingModel:
        config.type === 'anthropic' ? null : (config.embeddingModel ?? null),
      hasKey: config.type === 'ollama' ? false : await this.deps.keys.has(config.id),
      keyRequired: KEY_REQUIRED[config.type],
      builtIn: false,
      isDefault,
    }
  }
}
