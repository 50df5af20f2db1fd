import { afterEach, describe, expect, it } from 'vitest'
import { isMirrorError } from '../../../../src/shared/errors'
import { createEmbedder } from '../../../../src/main/llm/embeddings/embedder'
import { embedderFor, embeddingModelOf } from '../../../../src/main/llm/embeddings/embeddingModels'
import { parseProviderConfig } from '../../../../src/main/llm/providerConfig'
import { ConfiguredProvider } from '../../../../src/main/llm/providers/configuredProvider'
import { startLoopback } from '../servers/loopback'
import type { LoopbackServer } from '../servers/loopback'
import { ollamaWire, openAiWire } from '../servers/wires'

let server: LoopbackServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

/** OpenAI's /v1/embeddings answer, as the API sends it. */
const openAiBody = (vectors: number[][], model: string): unknown => ({
  object: 'list',
  data: vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })),
  model,
  usage: { prompt_tokens: 7, total_tokens: 7 },
})

describe('embedders', () => {
  it('OpenAI: POST /v1/embeddings with the model and the input array, key as Bearer', async () => {
    server = await startLoopback(openAiWire, [
      {
        type: 'json',
        body: openAiBody(
          [
            [0.5, -0.25],
            [1, 0],
          ],
          'text-embedding-3-small',
        ),
      },
    ])
    const config = parseProviderConfig({
      id: 'oa',
      type: 'openai',
      label: 'OpenAI',
      baseUrl: `${server.url}/v1`,
      model: 'gpt-4o-mini',
    })
    const embedder = embedderFor(config, async () => 'sk-test-123')!
    expect(embedder.model).toBe('text-embedding-3-small')
    const vectors = await embedder.embed(['first text', 'second text'])
    expect(vectors.map((v) => [...v])).toEqual([
      [0.5, -0.25],
      [1, 0],
    ])
    const request = server.requests[0]!
    expect(request.method).toBe('POST')
    expect(request.path).toBe('/v1/embeddings')
    expect(request.headers.authorization).toBe('Bearer sk-test-123')
    expect(request.body).toMatchObject({
      model: 'text-embedding-3-small',
      input: ['first text', 'second text'],
    })
  })

  it('OpenAI-compatible: embeds only with a named model, without a key header when keyless', async () => {
    server = await startLoopback(openAiWire, [
      { type: 'json', body: openAiBody([[0.1, 0.2, 0.3]], 'bge-small') },
    ])
    const unnamed = parseProviderConfig({
      id: 'lm',
      type: 'openai-compatible',
      label: 'LM Studio',
      baseUrl: `${server.url}/v1`,
      model: 'qwen',
    })
    expect(embeddingModelOf(unnamed)).toBeNull()
    expect(embedderFor(unnamed, async () => null)).toBeNull()
    const named = parseProviderConfig({ ...unnamed, embeddingModel: 'bge-small' })
    const vectors = await embedderFor(named, async () => null)!.embed(['only one'])
    expect(vectors.map((v) => [...v].map((x) => Math.round(x * 10) / 10))).toEqual([
      [0.1, 0.2, 0.3],
    ])
    const request = server.requests[0]!
    expect(request.path).toBe('/v1/embeddings')
    expect(request.headers.authorization).toBeUndefined()
    expect(request.body).toMatchObject({ model: 'bge-small', input: ['only one'] })
  })

  it('Ollama: POST /api/embed with the model and the input array (default nomic-embed-text)', async () => {
    server = await startLoopback(ollamaWire, [
      {
        type: 'json',
        body: {
          model: 'nomic-embed-text',
          embeddings: [
            [0.25, 0.75],
            [-1, 0.5],
          ],
          total_duration: 14143917,
          load_duration: 1019500,
          prompt_eval_count: 8,
        },
      },
    ])
    const config = parseProviderConfig({
      id: 'ol',
      type: 'ollama',
      label: 'Ollama',
      baseUrl: server.url,
      model: 'llama3.2',
    })
    const vectors = await embedderFor(config, async () => null)!.embed(['a', 'b'])
    expect(vectors.map((v) => [...v])).toEqual([
      [0.25, 0.75],
      [-1, 0.5],
    ])
    expect(server.requests[0]!.path).toBe('/api/embed')
    expect(server.requests[0]!.body).toMatchObject({ model: 'nomic-embed-text', input: ['a', 'b'] })
  })

  it('Anthropic has none: no embedder, and naming one is refused', () => {
    const config = parseProviderConfig({
      id: 'an',
      type: 'anthropic',
      label: 'Claude',
      model: 'claude-sonnet-4-5',
    })
    expect(embedderFor(config, async () => 'k')).toBeNull()
    expect(new ConfiguredProvider(config, { getApiKey: async () => 'k' }).embedder).toBeNull()
    expect(() => parseProviderConfig({ ...config, embeddingModel: 'x' })).toThrow(
      /Anthropic offers no embedding models/,
    )
  })

  it('a server that never answers fails with PROVIDER_TIMEOUT within the idle limit', async () => {
    server = await startLoopback(openAiWire, [{ type: 'hang' }])
    const embedder = createEmbedder({
      kind: 'openai-compatible',
      label: 'Hanging',
      baseUrl: `${server.url}/v1`,
      model: 'm',
      getApiKey: async () => null,
      idleTimeoutMs: 200,
    })
    const started = Date.now()
    const error = await embedder.embed(['x']).catch((e: unknown) => e)
    expect(isMirrorError(error) && error.code).toBe('PROVIDER_TIMEOUT')
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('an error status is a typed provider error without the key in it', async () => {
    server = await startLoopback(openAiWire, [
      { type: 'status', status: 401, message: 'Incorrect API key provided: sk-secret-9' },
    ])
    const embedder = createEmbedder({
      kind: 'openai',
      label: 'OpenAI',
      baseUrl: `${server.url}/v1`,
      model: 'text-embedding-3-small',
      getApiKey: async () => 'sk-secret-9',
    })
    const error = await embedder.embed(['x']).catch((e: unknown) => e)
    expect(isMirrorError(error) && error.code).toBe('PROVIDER_AUTH_FAILED')
    expect(JSON.stringify(error)).not.toContain('sk-secret-9')
    expect(String((error as Error).message)).not.toContain('sk-secret-9')
  })
})
