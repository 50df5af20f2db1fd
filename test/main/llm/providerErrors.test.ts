import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { FAST, KINDS, TEST_KEY, collect, makeProvider } from './harness'
import { startLoopback } from './servers/loopback'
import type { LoopbackServer, Reply } from './servers/loopback'

const servers: LoopbackServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

async function serve(kind: (typeof KINDS)[number], replies: Reply[]): Promise<LoopbackServer> {
  const server = await startLoopback(kind.wire, replies)
  servers.push(server)
  return server
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r))
  const { port } = probe.address() as AddressInfo
  await new Promise<void>((r) => probe.close(() => r()))
  return port
}

const TEXTS = ['The ', 'part ', 'that ', 'arrived']

describe.each(KINDS)('$type provider errors', (kind) => {
  // The server echoes the key back in its message, as OpenAI does for a wrong key.
  const echo = `Incorrect API key provided: ${TEST_KEY}.`

  it.each([401, 403])(
    'HTTP %i is PROVIDER_AUTH_FAILED, not retried, key not repeated',
    async (status) => {
      const server = await serve(kind, [{ type: 'status', status, message: echo }])
      const { error } = await collect(makeProvider(kind, kind.baseUrl(server.url)))
      expect(error?.code).toBe('PROVIDER_AUTH_FAILED')
      expect(error?.message).toMatch(/Check the API key in Settings/)
      expect(error?.data?.status).toBe(status)
      expect(JSON.stringify(error?.toInfo())).not.toContain(TEST_KEY)
      expect(server.requests).toHaveLength(1)
    },
  )

  it('HTTP 404 is PROVIDER_MODEL_NOT_FOUND naming the model', async () => {
    const server = await serve(kind, [
      {
        type: 'status',
        status: 404,
        message: `model "${kind.model}" not found, try pulling it first`,
      },
    ])
    const { error } = await collect(makeProvider(kind, kind.baseUrl(server.url)))
    expect(error?.code).toBe('PROVIDER_MODEL_NOT_FOUND')
    expect(error?.message).toContain(`"${kind.model}"`)
    expect(error?.message).toMatch(/Check the model name/)
    expect(server.requests).toHaveLength(1)
  })

  it('HTTP 429 with retry-after waits as asked, retries before the first token, then streams', async () => {
    const server = await serve(kind, [
      { type: 'status', status: 429, headers: { 'retry-after': '1' }, message: 'Slow down.' },
      { type: 'stream', texts: TEXTS },
    ])
    const result = await collect(makeProvider(kind, kind.baseUrl(server.url)))
    expect(result.error).toBeNull()
    expect(result.texts).toEqual(TEXTS)
    expect(server.requests).toHaveLength(2)
    expect(result.elapsedMs).toBeGreaterThanOrEqual(950)
  })

  it('HTTP 429 when retries run out is PROVIDER_RATE_LIMITED with retryAfterSeconds', async () => {
    const server = await serve(kind, [
      { type: 'status', status: 429, headers: { 'retry-after': '1' }, message: 'Slow down.' },
    ])
    const options = { ...FAST, retry: { ...FAST.retry, maxRetries: 1 } }
    const { error } = await collect(makeProvider(kind, kind.baseUrl(server.url), options))
    expect(error?.code).toBe('PROVIDER_RATE_LIMITED')
    expect(error?.data?.retryAfterSeconds).toBe(1)
    expect(error?.message).toMatch(/Wait 1 s and try again/)
    expect(server.requests).toHaveLength(2)
  })

  it('a retry-after beyond the cap is reported at once instead of waited out', async () => {
    const server = await serve(kind, [
      { type: 'status', status: 429, headers: { 'retry-after': '120' }, message: 'Quota.' },
    ])
    const result = await collect(makeProvider(kind, kind.baseUrl(server.url)))
    expect(result.error?.code).toBe('PROVIDER_RATE_LIMITED')
    expect(result.error?.data?.retryAfterSeconds).toBe(120)
    expect(server.requests).toHaveLength(1)
    expect(result.elapsedMs).toBeLessThan(1_000)
  })

  it('HTTP 500 is retried and the reply then streams', async () => {
    const server = await serve(kind, [
      { type: 'status', status: 500, message: 'Internal error' },
      { type: 'stream', texts: TEXTS },
    ])
    const result = await collect(makeProvider(kind, kind.baseUrl(server.url)))
    expect(result.texts).toEqual(TEXTS)
    expect(server.requests).toHaveLength(2)
  })

  it('HTTP 503 every time is PROVIDER_SERVER_ERROR after 1 + maxRetries attempts', async () => {
    const server = await serve(kind, [{ type: 'status', status: 503, message: 'Unavailable' }])
    const { error } = await collect(makeProvider(kind, kind.baseUrl(server.url)))
    expect(error?.code).toBe('PROVIDER_SERVER_ERROR')
    expect(error?.message).toMatch(/HTTP 503\). Try again/)
    expect(server.requests).toHaveLength(3)
  })

  it('connection refused is PROVIDER_UNREACHABLE asking whether the server runs at the URL', async () => {
    const base = kind.baseUrl(`http://127.0.0.1:${await closedPort()}`)
    const { error } = await collect(makeProvider(kind, base))
    expect(error?.code).toBe('PROVIDER_UNREACHABLE')
    expect(error?.message).toContain(`Is the server running at ${base}?`)
    expect(error?.data?.reason).toBe('ECONNREFUSED')
  })

  it('a DNS failure is PROVIDER_UNREACHABLE naming the host', async () => {
    const { error } = await collect(
      makeProvider(kind, kind.baseUrl('http://no-such-host.invalid:8080')),
    )
    expect(error?.code).toBe('PROVIDER_UNREACHABLE')
    expect(error?.message).toMatch(/no-such-host\.invalid \(DNS lookup failed\)/)
  })

  it('a server that accepts and never answers is PROVIDER_TIMEOUT after the idle timeout', async () => {
    const server = await serve(kind, [{ type: 'hang' }])
    const result = await collect(makeProvider(kind, kind.baseUrl(server.url)))
    expect(result.error?.code).toBe('PROVIDER_TIMEOUT')
    expect(result.error?.data?.timeout).toBe('idle')
    expect(result.error?.message).toMatch(/sent nothing for 1 s/)
    expect(result.elapsedMs).toBeGreaterThanOrEqual(380)
    expect(result.elapsedMs).toBeLessThan(2_000)
    await server.requests[0]!.clientGone
    expect(server.requests).toHaveLength(1)
  })

  it('a stream that stops mid-way is PROVIDER_TIMEOUT, keeping what arrived', async () => {
    const server = await serve(kind, [{ type: 'stream', texts: TEXTS, stallAfter: 2 }])
    const result = await collect(makeProvider(kind, kind.baseUrl(server.url)))
    expect(result.texts).toEqual(TEXTS.slice(0, 2))
    expect(result.error?.code).toBe('PROVIDER_TIMEOUT')
    expect(result.error?.message).toMatch(/partial reply was kept/)
    expect(server.requests).toHaveLength(1)
  })

  it('a stream cut mid-way is PROVIDER_STREAM_INTERRUPTED after the partial deltas, never retried', async () => {
    const server = await serve(kind, [{ type: 'stream', texts: TEXTS, cutAfter: 2 }])
    const result = await collect(makeProvider(kind, kind.baseUrl(server.url)))
    expect(result.texts).toEqual(TEXTS.slice(0, 2))
    expect(result.error?.code).toBe('PROVIDER_STREAM_INTERRUPTED')
    expect(result.error?.message).toMatch(/partial reply was kept/)
    expect(server.requests).toHaveLength(1)
  })

  it('a connection cut before the first token is retried', async () => {
    const server = await serve(kind, [
      { type: 'stream', texts: TEXTS, cutAfter: 0 },
      { type: 'stream', texts: TEXTS },
    ])
    const result = await collect(makeProvider(kind, kind.baseUrl(server.url)))
    expect(result.error).toBeNull()
    expect(result.texts).toEqual(TEXTS)
    expect(server.requests).toHaveLength(2)
  })
})

describe('errors sent inside the stream', () => {
  const anthropic = KINDS.find((k) => k.type === 'anthropic')!
  const openai = KINDS.find((k) => k.type === 'openai')!

  it('Anthropic `event: error` (overloaded) after text is PROVIDER_SERVER_ERROR with the text kept', async () => {
    const server = await serve(anthropic, [
      { type: 'stream', texts: TEXTS, streamError: 'overloaded_error' },
    ])
    const result = await collect(makeProvider(anthropic, anthropic.baseUrl(server.url)))
    expect(result.texts).toEqual(TEXTS)
    expect(result.error?.code).toBe('PROVIDER_SERVER_ERROR')
    expect(server.requests).toHaveLength(1)
  })

  it('Anthropic `event: error` before any text is retried', async () => {
    const server = await serve(anthropic, [
      { type: 'stream', texts: [], streamError: 'overloaded_error' },
      { type: 'stream', texts: TEXTS },
    ])
    const result = await collect(makeProvider(anthropic, anthropic.baseUrl(server.url)))
    expect(result.error).toBeNull()
    expect(result.texts).toEqual(TEXTS)
    expect(server.requests).toHaveLength(2)
  })

  it('Anthropic rate_limit_error in the stream is PROVIDER_RATE_LIMITED', async () => {
    const server = await serve(anthropic, [
      { type: 'stream', texts: ['a'], streamError: 'rate_limit_error' },
    ])
    const result = await collect(makeProvider(anthropic, anthropic.baseUrl(server.url)))
    expect(result.texts).toEqual(['a'])
    expect(result.error?.code).toBe('PROVIDER_RATE_LIMITED')
  })

  it('an OpenAI `{"error": …}` chunk after text is PROVIDER_SERVER_ERROR with the text kept', async () => {
    const server = await serve(openai, [
      { type: 'stream', texts: TEXTS, streamError: 'server_error' },
    ])
    const result = await collect(makeProvider(openai, openai.baseUrl(server.url)))
    expect(result.texts).toEqual(TEXTS)
    expect(result.error?.code).toBe('PROVIDER_SERVER_ERROR')
  })

  it('HTTP 400 is reported with the server reason and not retried', async () => {
    const server = await serve(openai, [
      {
        type: 'status',
        status: 400,
        message: "This model's maximum context length is 128000 tokens.",
      },
    ])
    const { error } = await collect(makeProvider(openai, openai.baseUrl(server.url)))
    expect(error?.code).toBe('PROVIDER_SERVER_ERROR')
    expect(error?.message).toMatch(
      /rejected the request \(HTTP 400: This model's maximum context length/,
    )
    expect(server.requests).toHaveLength(1)
  })
})
