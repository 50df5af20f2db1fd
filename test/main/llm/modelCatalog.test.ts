import { afterEach, describe, expect, it } from 'vitest'
import { testConnection } from '../../../src/main/llm/connectionTest'
import { isModelListed, listModels } from '../../../src/main/llm/modelCatalog'
import type { ProviderConfig } from '../../../src/main/llm/providerConfig'
import { FAST, TEST_KEY } from './harness'
import { startLoopback } from './servers/loopback'
import type { LoopbackServer, Reply } from './servers/loopback'
import { anthropicWire, ollamaWire, openAiWire } from './servers/wires'
import type { Wire } from './servers/wires'

const servers: LoopbackServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

async function serve(wire: Wire, replies: Reply[]): Promise<LoopbackServer> {
  const server = await startLoopback(wire, replies)
  servers.push(server)
  return server
}

const opts = { timeouts: FAST }

const openAiList = {
  object: 'list',
  data: [
    { id: 'gpt-4o-mini', object: 'model', created: 1_721_172_741, owned_by: 'system' },
    { id: 'gpt-4o', object: 'model', created: 1_715_367_049, owned_by: 'system' },
  ],
}
const ollamaTags = {
  models: [
    {
      name: 'llama3.2:latest',
      model: 'llama3.2:latest',
      modified_at: '2025-09-01T10:00:00Z',
      size: 2_019_393_189,
      digest: 'a80c4f17acd5',
      details: {
        format: 'gguf',
        family: 'llama',
        parameter_size: '3.2B',
        quantization_level: 'Q4_K_M',
      },
    },
    {
      name: 'qwen2.5:7b',
      model: 'qwen2.5:7b',
      modified_at: '2025-09-01T10:00:00Z',
      size: 1,
      digest: 'b',
      details: {},
    },
  ],
}
const anthropicPage = (ids: string[], hasMore: boolean): unknown => ({
  data: ids.map((id) => ({
    type: 'model',
    id,
    display_name: id,
    created_at: '2025-09-29T00:00:00Z',
  })),
  has_more: hasMore,
  first_id: ids[0],
  last_id: ids.at(-1),
})

function config(type: ProviderConfig['type'], baseUrl: string, model: string): ProviderConfig {
  return { id: 'p', type, label: `Test ${type}`, baseUrl, model }
}

describe('listModels', () => {
  it('OpenAI: GET /v1/models with the bearer key', async () => {
    const server = await serve(openAiWire, [{ type: 'json', body: openAiList }])
    const models = await listModels(config('openai', `${server.url}/v1`, 'gpt-4o'), TEST_KEY, opts)
    expect(models).toEqual(['gpt-4o', 'gpt-4o-mini'])
    const req = server.requests[0]!
    expect([req.method, req.path]).toEqual(['GET', '/v1/models'])
    expect(req.headers.authorization).toBe(`Bearer ${TEST_KEY}`)
  })

  it('OpenAI-compatible without a key sends no Authorization header', async () => {
    const server = await serve(openAiWire, [{ type: 'json', body: openAiList }])
    await listModels(config('openai-compatible', `${server.url}/v1`, 'x'), null, opts)
    expect(server.requests[0]!.headers.authorization).toBeUndefined()
  })

  it('Ollama: GET /api/tags, no key', async () => {
    const server = await serve(ollamaWire, [{ type: 'json', body: ollamaTags }])
    const models = await listModels(config('ollama', server.url, 'llama3.2'), null, opts)
    expect(models).toEqual(['llama3.2:latest', 'qwen2.5:7b'])
    expect([server.requests[0]!.method, server.requests[0]!.path]).toEqual(['GET', '/api/tags'])
    expect(server.requests[0]!.headers.authorization).toBeUndefined()
  })

  it('Anthropic: GET /v1/models with x-api-key and anthropic-version, following pages', async () => {
    const server = await serve(anthropicWire, [
      {
        type: 'json',
        body: anthropicPage(['claude-sonnet-4-5-20250929', 'claude-opus-4-1-20250805'], true),
      },
      { type: 'json', body: anthropicPage(['claude-3-5-haiku-20241022'], false) },
    ])
    const models = await listModels(
      config('anthropic', `${server.url}/v1`, 'claude-sonnet-4-5'),
      TEST_KEY,
      opts,
    )
    expect(models).toEqual([
      'claude-3-5-haiku-20241022',
      'claude-opus-4-1-20250805',
      'claude-sonnet-4-5-20250929',
    ])
    expect(server.requests.map((r) => r.path)).toEqual([
      '/v1/models?limit=1000',
      '/v1/models?limit=1000&after_id=claude-opus-4-1-20250805',
    ])
    for (const req of server.requests) {
      expect(req.headers['x-api-key']).toBe(TEST_KEY)
      expect(req.headers['anthropic-version']).toBe('2023-06-01')
    }
  })

  it('maps a 401 to PROVIDER_AUTH_FAILED and a body that is not a list to PROVIDER_SERVER_ERROR', async () => {
    const server = await serve(openAiWire, [
      { type: 'status', status: 401, message: `Incorrect API key provided: ${TEST_KEY}` },
      { type: 'json', body: { hello: 'world' } },
    ])
    const cfg = config('openai', `${server.url}/v1`, 'gpt-4o')
    await expect(listModels(cfg, TEST_KEY, opts)).rejects.toMatchObject({
      code: 'PROVIDER_AUTH_FAILED',
    })
    await expect(listModels(cfg, TEST_KEY, opts)).rejects.toMatchObject({
      code: 'PROVIDER_SERVER_ERROR',
    })
  })

  it('times out on a server that never answers', async () => {
    const server = await serve(openAiWire, [{ type: 'hang' }])
    await expect(
      listModels(config('openai', `${server.url}/v1`, 'gpt-4o'), TEST_KEY, opts),
    ).rejects.toMatchObject({ code: 'PROVIDER_TIMEOUT' })
  })
})

describe('testConnection', () => {
  it('is ok when the provider answers and offers the model', async () => {
    const server = await serve(ollamaWire, [{ type: 'json', body: ollamaTags }])
    const result = await testConnection(config('ollama', server.url, 'llama3.2'), null, opts)
    expect(result).toMatchObject({
      ok: true,
      modelListed: true,
      models: ['llama3.2:latest', 'qwen2.5:7b'],
    })
  })

  it('reports an unknown model with the models it does offer', async () => {
    const server = await serve(openAiWire, [{ type: 'json', body: openAiList }])
    const result = await testConnection(
      config('openai', `${server.url}/v1`, 'gpt-9'),
      TEST_KEY,
      opts,
    )
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('PROVIDER_MODEL_NOT_FOUND')
    expect(result.error.message).toContain('gpt-4o, gpt-4o-mini')
  })

  it('accepts an unlisted model on an OpenAI-compatible server, flagged', async () => {
    const server = await serve(openAiWire, [{ type: 'json', body: openAiList }])
    const result = await testConnection(
      config('openai-compatible', `${server.url}/v1`, 'local-model'),
      null,
      opts,
    )
    expect(result).toMatchObject({ ok: true, modelListed: false })
  })

  it('returns typed errors instead of throwing: no key, refused connection', async () => {
    const missing = await testConnection(
      config('anthropic', 'http://127.0.0.1:9/v1', 'claude'),
      null,
      opts,
    )
    expect(missing).toMatchObject({ ok: false, error: { code: 'PROVIDER_NOT_CONFIGURED' } })
    const server = await serve(openAiWire, [])
    const port = server.port
    await server.close()
    servers.pop()
    const refused = await testConnection(
      config('ollama', `http://127.0.0.1:${port}`, 'llama3.2'),
      null,
      opts,
    )
    expect(refused).toMatchObject({ ok: false, error: { code: 'PROVIDER_UNREACHABLE' } })
  })
})

describe('isModelListed', () => {
  it('matches exact ids, Ollama :latest and Anthropic dated ids, nothing looser', () => {
    expect(isModelListed('llama3.2', ['llama3.2:latest'])).toBe(true)
    expect(isModelListed('claude-sonnet-4-5', ['claude-sonnet-4-5-20250929'])).toBe(true)
    expect(isModelListed('gpt-4o', ['gpt-4o'])).toBe(true)
    expect(isModelListed('gpt-4', ['gpt-4o'])).toBe(false)
    expect(isModelListed('llama3', ['llama3.2:latest'])).toBe(false)
  })
})
