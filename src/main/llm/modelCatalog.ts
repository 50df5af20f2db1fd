import { z } from 'zod'
import { MirrorError } from '../../shared/errors'
import { resolveCallOptions } from './providers/aiSdkStream'
import type { CallOptionOverrides } from './providers/aiSdkStream'
import { HttpStatusError, classifyProviderError } from './providers/errors'
import { createTransport } from './providers/httpTransport'
import { ollamaApiUrl } from './providers/ollamaProvider'
import { baseUrlOf } from './providerConfig'
import type { ProviderConfig } from './providerConfig'

export const ANTHROPIC_VERSION = '2023-06-01'

const OpenAiModelsSchema = z.object({ data: z.array(z.object({ id: z.string() })) })
const AnthropicModelsSchema = z.object({
  data: z.array(z.object({ id: z.string() })),
  has_more: z.boolean().optional(),
  last_id: z.string().nullable().optional(),
})
const OllamaTagsSchema = z.object({ models: z.array(z.object({ name: z.string() })) })

export interface CatalogOptions {
  signal?: AbortSignal
  /** Timeouts only; listing is never retried. */
  timeouts?: CallOptionOverrides
}

interface Endpoint {
  url: string
  headers: Record<string, string>
}

function endpoint(config: ProviderConfig, apiKey: string | null, after?: string): Endpoint {
  const base = baseUrlOf(config)
  switch (config.type) {
    case 'ollama':
      return { url: `${ollamaApiUrl(base)}/tags`, headers: {} }
    case 'anthropic': {
      const query = new URLSearchParams({ limit: '1000', ...(after ? { after_id: after } : {}) })
      return {
        url: `${base}/models?${query}`,
        headers: { 'x-api-key': apiKey ?? '', 'anthropic-version': ANTHROPIC_VERSION },
      }
    }
    default:
      return { url: `${base}/models`, headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {} }
  }
}

/**
 * The models a provider offers: OpenAI-style `GET /models`, Anthropic `GET /v1/models` (paged),
 * Ollama `GET /api/tags`. Sorted, without duplicates. Failures are the same MirrorErrors a chat
 * request would give.
 */
export async function listModels(
  config: ProviderConfig,
  apiKey: string | null,
  options: CatalogOptions = {},
): Promise<string[]> {
  const callOptions = resolveCallOptions(options.timeouts)
  const ids = new Set<string>()
  let after: string | undefined
  for (let page = 0; page < 20; page++) {
    const transport = createTransport(callOptions)
    const { url, headers } = endpoint(config, apiKey, after)
    let json: unknown
    try {
      const res = await transport.fetch(url, {
        headers: { accept: 'application/json', ...headers },
        ...(options.signal ? { signal: options.signal } : {}),
      })
      const text = await res.text()
      if (!res.ok) throw new HttpStatusError(res.status, Object.fromEntries(res.headers), text)
      json = JSON.parse(text)
    } catch (error) {
      if (options.signal?.aborted) throw new MirrorError('CANCELLED', 'Listing models was stopped.')
      throw classifyProviderError(
        error,
        {
          label: config.label,
          baseUrl: baseUrlOf(config),
          model: config.model,
          secrets: apiKey ? [apiKey] : [],
          connectTimeoutMs: callOptions.connectTimeoutMs,
          idleTimeoutMs: callOptions.idleTimeoutMs,
        },
        transport.state,
        false,
      ).error
    }
    if (config.type === 'ollama') {
      for (const m of parse(OllamaTagsSchema, json, config).models) ids.add(m.name)
      break
    }
    if (config.type === 'anthropic') {
      const body = parse(AnthropicModelsSchema, json, config)
      for (const m of body.data) ids.add(m.id)
      if (!body.has_more || !body.last_id) break
      after = body.last_id
      continue
    }
    for (const m of parse(OpenAiModelsSchema, json, config).data) ids.add(m.id)
    break
  }
  return [...ids].sort((a, b) => a.localeCompare(b))
}

function parse<T>(schema: z.ZodType<T>, json: unknown, config: ProviderConfig): T {
  const result = schema.safeParse(json)
  if (!result.success) {
    throw new MirrorError(
      'PROVIDER_SERVER_ERROR',
      `${config.label} answered the model list with something unexpected. Check the base URL in Settings.`,
      { provider: config.label },
    )
  }
  return result.data
}

/** Whether `model` is among `listed`, allowing Ollama's implicit `:latest` and Anthropic's dated ids. */
export function isModelListed(model: string, listed: readonly string[]): boolean {
  return listed.some((id) => id === model || id === `${model}:latest` || id.startsWith(`${model}-`))
}
