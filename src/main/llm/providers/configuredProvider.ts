import { MirrorError } from '../../../shared/errors'
import { contextWindowFor } from '../contextWindow'
import type { ChatProvider, ProviderDelta, ProviderRequest } from '../provider'
import { KEY_REQUIRED, baseUrlOf } from '../providerConfig'
import type { ProviderConfig, ProviderType } from '../providerConfig'
import { resolveCallOptions, streamWithAiSdk } from './aiSdkStream'
import type { CallOptionOverrides, ProviderCallOptions } from './aiSdkStream'
import { anthropicModel } from './anthropicProvider'
import type { ModelFactory } from './modelFactory'
import { ollamaModel } from './ollamaProvider'
import { openAiCompatibleModel } from './openaiCompatibleProvider'
import { openAiModel } from './openaiProvider'

export const MODEL_FACTORIES: Record<ProviderType, ModelFactory> = {
  openai: openAiModel,
  anthropic: anthropicModel,
  ollama: ollamaModel,
  'openai-compatible': openAiCompatibleModel,
}

/** A local model may take minutes to load before its first byte. */
const KIND_DEFAULTS: Partial<Record<ProviderType, CallOptionOverrides>> = {
  ollama: { idleTimeoutMs: 180_000 },
}

export interface ConfiguredProviderDeps {
  /** Read when each request starts, so a new key applies at once and is held no longer than needed. */
  getApiKey(providerId: string): Promise<string | null>
  options?: CallOptionOverrides
}

/** A user-configured provider (OpenAI, Anthropic, Ollama or an OpenAI-compatible server). */
export class ConfiguredProvider implements ChatProvider {
  readonly id: string
  readonly kind: ProviderType
  readonly label: string
  readonly defaultModel: string
  readonly contextWindow: number
  readonly baseUrl: string
  private readonly options: ProviderCallOptions

  constructor(
    config: ProviderConfig,
    private readonly deps: ConfiguredProviderDeps,
  ) {
    this.id = config.id
    this.kind = config.type
    this.label = config.label
    this.defaultModel = config.model
    this.baseUrl = baseUrlOf(config)
    this.contextWindow = contextWindowFor(config.type, config.model, config.contextWindow)
    const kindDefaults = KIND_DEFAULTS[config.type] ?? {}
    this.options = resolveCallOptions({
      ...kindDefaults,
      ...deps.options,
      retry: { ...kindDefaults.retry, ...deps.options?.retry },
    })
  }

  private async apiKey(): Promise<string | null> {
    if (this.kind === 'ollama') return null
    // A keyless local server must keep working when no keychain is around; a cloud API needs one.
    if (!KEY_REQUIRED[this.kind]) return this.deps.getApiKey(this.id).catch(() => null)
    return this.deps.getApiKey(this.id)
  }

  async *stream(request: ProviderRequest, signal: AbortSignal): AsyncIterable<ProviderDelta> {
    const apiKey = await this.apiKey()
    if (!apiKey && KEY_REQUIRED[this.kind]) {
      throw new MirrorError(
        'PROVIDER_NOT_CONFIGURED',
        `No API key is set for ${this.label}. Add it in Settings.`,
        { id: this.id },
      )
    }
    const model = request.model || this.defaultModel
    const factory = MODEL_FACTORIES[this.kind]
    yield* streamWithAiSdk(
      {
        context: {
          label: this.label,
          baseUrl: this.baseUrl,
          model,
          secrets: apiKey ? [apiKey] : [],
        },
        options: this.options,
        createModel: (fetch) => factory({ baseUrl: this.baseUrl, apiKey, model, fetch }),
      },
      request,
      signal,
    )
  }
}
