import { join } from 'node:path'
import { MirrorError } from '../../shared/errors'
import type { ApiKeys } from './apiKeys'
import { writeJsonAtomic } from '../fs/atomicWrite'
import { errorCode, nodeStoreFs } from '../fs/storeFs'
import type { StoreFs } from '../fs/storeFs'
import {
  EMPTY_PROVIDER_SETTINGS,
  ProviderSettingsSchema,
  parseProviderConfig,
} from './providerConfig'
import type { ProviderConfig, ProviderSettings } from './providerConfig'

export const PROVIDER_SETTINGS_FILE = 'providers.json'

export type ProviderPatch = Partial<
  Omit<ProviderConfig, 'id' | 'baseUrl' | 'contextWindow' | 'embeddingModel'>
> & {
  /** `null` clears an optional field. */
  baseUrl?: string | null
  contextWindow?: number | null
  embeddingModel?: string | null
}

/**
 * Configured providers, persisted as JSON in the data dir. Holds no API keys (those live in the
 * keychain, see apiKeys.ts). Every change re-reads the file, so the CLI and the app can share it,
 * and writes atomically; invalid input throws before anything is written.
 */
export class ProviderStore {
  private readonly dir: string
  private readonly fs: StoreFs
  private queue: Promise<unknown> = Promise.resolve()

  constructor(dataDir: string, fs: StoreFs = nodeStoreFs) {
    this.dir = dataDir
    this.fs = fs
  }

  get filePath(): string {
    return join(this.dir, PROVIDER_SETTINGS_FILE)
  }

  async read(): Promise<ProviderSettings> {
    let text: string
    try {
      text = await this.fs.readFile(this.filePath)
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return structuredClone(EMPTY_PROVIDER_SETTINGS)
      throw new MirrorError('STORAGE_UNAVAILABLE', `Could not read ${PROVIDER_SETTINGS_FILE}.`)
    }
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
    const parsed = ProviderSettingsSchema.safeParse(json)
    if (!parsed.success) {
      throw new MirrorError(
        'STORAGE_CORRUPT',
        `${PROVIDER_SETTINGS_FILE} is not valid; fix or delete it to configure providers again.`,
        { file: PROVIDER_SETTINGS_FILE },
      )
    }
    return parsed.data
  }

  async list(): Promise<ProviderConfig[]> {
    return (await this.read()).providers
  }

  async get(id: string): Promise<ProviderConfig> {
    const found = (await this.list()).find((p) => p.id === id)
    if (!found) throw notConfigured(id)
    return found
  }

  async defaultProviderId(): Promise<string | null> {
    return (await this.read()).defaultProviderId
  }

  async add(input: unknown): Promise<ProviderConfig> {
    const config = parseProviderConfig(input)
    return this.mutate((settings) => {
      if (settings.providers.some((p) => p.id === config.id)) {
        throw new MirrorError(
          'VALIDATION_FAILED',
          `A provider with id ${config.id} already exists.`,
          {
            id: config.id,
          },
        )
      }
      settings.providers.push(config)
      return config
    })
  }

  update(id: string, patch: ProviderPatch): Promise<ProviderConfig> {
    return this.mutate((settings) => {
      const index = settings.providers.findIndex((p) => p.id === id)
      if (index < 0) throw notConfigured(id)
      const merged: Record<string, unknown> = { ...settings.providers[index], ...patch, id }
      for (const key of ['baseUrl', 'contextWindow', 'embeddingModel'])
        if (merged[key] === null) delete merged[key]
      const config = parseProviderConfig(merged)
      settings.providers[index] = config
      return config
    })
  }

  /** Removes the provider; when it was the default, there is no default afterwards. */
  remove(id: string): Promise<boolean> {
    return this.mutate((settings) => {
      const before = settings.providers.length
      settings.providers = settings.providers.filter((p) => p.id !== id)
      if (settings.defaultProviderId === id) settings.defaultProviderId = null
      return settings.providers.length < before
    })
  }

  /** `null` makes the offline engine the default again. */
  setDefault(id: string | null): Promise<void> {
    return this.mutate((settings) => {
      if (id !== null && !settings.providers.some((p) => p.id === id)) throw notConfigured(id)
      settings.defaultProviderId = id
    })
  }

  private mutate<T>(change: (settings: ProviderSettings) => T): Promise<T> {
    const run = async (): Promise<T> => {
      const settings = await this.read()
      const result = change(settings)
      await this.fs.mkdirp(this.dir)
      await writeJsonAtomic(this.fs, this.dir, PROVIDER_SETTINGS_FILE, settings)
      return result
    }
    const next = this.queue.then(run, run)
    this.queue = next.catch(() => undefined)
    return next
  }
}

function notConfigured(id: string): MirrorError {
  return new MirrorError('PROVIDER_NOT_CONFIGURED', `No provider with id ${id} is configured.`, {
    id,
  })
}

/** Removes a provider from the settings and its key from the keychain. */
export async function removeProvider(
  store: ProviderStore,
  keys: ApiKeys,
  id: string,
): Promise<boolean> {
  const removed = await store.remove(id)
  // A keychain that went away must not block removing the settings entry.
  await keys.delete(id).catch(() => false)
  return removed
}
