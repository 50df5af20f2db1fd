import { createOpenAI } from '@ai-sdk/openai'
import { createOpenAICompatible } from '@ai-sdk/openai-compatible'
import type { EmbeddingModelV3 } from '@ai-sdk/provider'
import { embedMany } from 'ai'
import { createOllama } from 'ollama-ai-provider-v2'
import { MirrorError } from '../../../shared/errors'
import type { ProviderType } from '../providerConfig'
import { classifyProviderError } from '../providers/errors'
import { createTransport } from '../providers/httpTransport'
import type { FetchFn } from '../providers/httpTransport'
import { ollamaApiUrl } from '../providers/ollamaProvider'

/** Turns texts into vectors of one model; vectors with the same `key` are comparable. */
export interface Embedder {
  /** The vector space: provider kind, base URL and model. A new key means re-embedding. */
  readonly key: string
  readonly model: string
  /** Provider label, for error messages. */
  readonly label: string
  /** One vector per text, in order. Throws MirrorError PROVIDER_* (or CANCELLED). */
  embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]>
}

export interface EmbedderOptions {
  kind: Exclude<ProviderType, 'anthropic'>
  label: string
  baseUrl: string
  model: string
  /** Read for each call, like the chat models' key. */
  getApiKey(): Promise<string | null>
  /** Connect and idle limits of one call (defaults 5 s and 30 s). */
  connectTimeoutMs?: number
  idleTimeoutMs?: number
}

type EmbeddingFactory = (
  baseUrl: string,
  apiKey: string | null,
  model: string,
  fetch: FetchFn,
) => EmbeddingModelV3

/** OpenAI and compatible servers: POST {baseUrl}/embeddings; Ollama: POST {root}/api/embed. */
const FACTORIES: Record<EmbedderOptions['kind'], EmbeddingFactory> = {
  openai: (baseURL, apiKey, model, fetch) =>
    createOpenAI({ baseURL, apiKey: apiKey ?? '', fetch }).embedding(model),
  'openai-compatible': (baseURL, apiKey, model, fetch) =>
    createOpenAICompatible({
      name: 'openai-compatible',
      baseURL,
      ...(apiKey ? { apiKey } : {}),
      fetch,
    }).embeddingModel(model),
  ollama: (baseUrl, _apiKey, model, fetch) =>
    createOllama({ baseURL: ollamaApiUrl(baseUrl), fetch }).embedding(model),
}

export function createEmbedder(options: EmbedderOptions): Embedder {
  const connectTimeoutMs = options.connectTimeoutMs ?? 5_000
  const idleTimeoutMs = options.idleTimeoutMs ?? 30_000
  return {
    key: `${options.kind} ${options.baseUrl} ${options.model}`,
    model: options.model,
    label: options.label,
    async embed(texts, signal) {
      if (texts.length === 0) return []
      const apiKey = await options.getApiKey()
      const transport = createTransport({ connectTimeoutMs, idleTimeoutMs })
      const model = FACTORIES[options.kind](options.baseUrl, apiKey, options.model, transport.fetch)
      try {
        const { embeddings } = await embedMany({
          model,
          values: [...texts],
          maxRetries: 0,
          ...(signal ? { abortSignal: signal } : {}),
        })
        if (embeddings.length !== texts.length) {
          throw new MirrorError(
            'PROVIDER_SERVER_ERROR',
            `${options.label} returned ${embeddings.length} embeddings for ${texts.length} texts.`,
          )
        }
        return embeddings.map((vector) => Float32Array.from(vector))
      } catch (error) {
        if (signal?.aborted) throw new MirrorError('CANCELLED', 'Embedding was stopped.')
        const context = {
          label: options.label,
          baseUrl: options.baseUrl,
          model: options.model,
          secrets: apiKey ? [apiKey] : [],
          connectTimeoutMs,
          idleTimeoutMs,
        }
        throw classifyProviderError(error, context, transport.state, false).error
      }
    },
  }
}
