import { MirrorError } from '../../../shared/errors'
import { contextWindowFor } from '../contextWindow'
import type { ChatProvider, ProviderDelta, ProviderRequest } from '../provider'
import { KEY_REQUIRED, baseUrlOf } from '../providerConfig'
import type { ProviderConfig, ProviderType } from '../providerConfig'
import type { LanguageModelV3 } from '@ai-sdk/provider'
import { embedderFor } from '../embeddings/embeddingModels'
import type { Embedder } from '../embeddings/embedder'
import { AttemptRouter } from './attemptRouter'
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

/** SDK models kept per provider: one per model name a session picked, most recent first out. */
const MAX_CACHED_MODELS = 8

/** A user-configured provider (OpenAI, Anthropic, Ollama or an OpenAI-compatible server). */
export class ConfiguredProvider implements ChatProvider {
  readonly id: string
  readonly kind: ProviderType
  readonly label: string
  readonly defaultModel: string
  readonly contextWindow: number
  readonly baseUrl: string
  /** For semantic recall; null when the provider offers no embeddings. */
  readonly embedder: Embedder | null
  private readonly options: ProviderCallOptions
  private readonly router = new AttemptRouter()
  /** By model name; rebuilt when the key changes, so the old key is not kept in memory. */
  private readonly models = new Map<string, { apiKey: string | null; model: LanguageModelV3 }>()

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
    this.embedder = embedderFor(config, () => this.apiKey())
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

  /** Reads the key now (the keychain takes milliseconds, and more on its first use). */
  prepare(): void {
    this.apiKey().catch(() => undefined)
  }

  /** Built once per model and key: the SDK's per-instance setup would otherwise delay each reply. */
  private languageModel(apiKey: string | null, modelId: string): LanguageModelV3 {
    const cached = this.models.get(modelId)
    this.models.delete(modelId)
    const model =
      cached && cached.apiKey === apiKey
        ? cached.model
        : MODEL_FACTORIES[this.kind]({
            baseUrl: this.baseUrl,
            apiKey,
            model: modelId,
            fetch: this.router.fetch,
          })
    this.models.set(modelId, { apiKey, model })
    if (this.models.size > MAX_CACHED_MODELS) {
      this.models.delete(this.models.keys().next().value!)
    }
    return model
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
    yield* streamWithAiSdk(
      {
        context: {
          label: this.label,
          baseUrl: this.baseUrl,
          model,
          secrets: apiKey ? [apiKey] : [],
        },
        options: this.options,
        model: this.languageModel(apiKey, model),
        router: this.router,
      },
      request,
      signal,
    )
  }
}
