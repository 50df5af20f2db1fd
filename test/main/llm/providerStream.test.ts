import { afterEach, describe, expect, it } from 'vitest'
import { FAST, KINDS, REQUEST, TEST_KEY, collect, makeProvider } from './harness'
import { ConfiguredProvider } from '../../../src/main/llm/providers/configuredProvider'
import { ATTEMPT_HEADER } from '../../../src/main/llm/providers/attemptRouter'
import { startLoopback } from './servers/loopback'
import type { LoopbackServer } from './servers/loopback'

const servers: LoopbackServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

async function serve(...args: Parameters<typeof startLoopback>): Promise<LoopbackServer> {
  const server = await startLoopback(...args)
  servers.push(server)
  return server
}

describe.each(KINDS)('$type provider over its real wire format', (kind) => {
  it('streams the reply in separate deltas and reports token usage', async () => {
    const texts = ['Fear ', 'often ', 'guards ', 'something ', 'you value.']
    const server = await serve(kind.wire, [
      { type: 'stream', texts, usage: { input: 42, output: 7 } },
    ])
    const seenAt: number[] = []
    const result = await collect(makeProvider(kind, kind.baseUrl(server.url)), undefined, () =>
      seenAt.push(performance.now()),
    )
    expect(result.error).toBeNull()
    // One delta per server frame, in order: streaming, not one buffered reply.
    expect(result.texts).toEqual(texts)
    expect(result.deltas.at(-1)).toEqual({ type: 'usage', inputTokens: 42, outputTokens: 7 })
    // The server pauses between frames; deltas arrived spread over that time, not all at the end.
    expect(seenAt[texts.length - 1]! - seenAt[0]!).toBeGreaterThan(40)
  })

  it('sends exactly the request its API expects', async () => {
    const server = await serve(kind.wire, [{ type: 'stream', texts: ['ok'] }])
    await collect(makeProvider(kind, kind.baseUrl(server.url)))
    expect(server.requests).toHaveLength(1)
    const req = server.requests[0]!
    expect(req.method).toBe('POST')
    expect(req.path).toBe(kind.chatPath)
    expect(req.headers['content-type']).toBe('application/json')
    // The header that routes a request to its attempt's transport never leaves the app.
    expect(req.headers[ATTEMPT_HEADER]).toBeUndefined()
    const body = req.body as Record<string, unknown>
    expect(body.model).toBe(kind.model)
    expect(body.stream).toBe(true)
    const history = REQUEST.messages
    if (kind.type === 'anthropic') {
      expect(req.headers['x-api-key']).toBe(TEST_KEY)
      expect(req.headers['anthropic-version']).toBe('2023-06-01')
      expect(req.headers.authorization).toBeUndefined()
      // Anthropic takes the system prompt as a top-level field, never as a message.
      expect(body.system).toEqual([{ type: 'text', text: REQUEST.system }])
      expect(body.messages).toEqual(
        history.map((m) => ({ role: m.role, content: [{ type: 'text', text: m.content }] })),
      )
      expect(typeof body.max_tokens).toBe('number')
    } else {
      expect(body.messages).toEqual([{ role: 'system', content: REQUEST.system }, ...history])
      expect(body.system).toBeUndefined()
      expect(req.headers['x-api-key']).toBeUndefined()
      if (kind.type === 'ollama') {
        expect(req.headers.authorization).toBeUndefined()
      } else {
        expect(req.headers.authorization).toBe(`Bearer ${TEST_KEY}`)
        expect(body.stream_options).toEqual({ include_usage: true })
      }
    }
  })

  it('stops promptly on abort, and the server sees the connection close', async () => {
    // Six seconds of reply if nothing stopped it: a loaded machine's slower Stop still tells apart.
    const texts = Array.from({ length: 200 }, (_, i) => `word${i} `)
    const server = await serve(kind.wire, [{ type: 'stream', texts, gapMs: 30 }])
    const controller = new AbortController()
    let abortedAt = 0
    const result = await collect(
      makeProvider(kind, kind.baseUrl(server.url)),
      controller.signal,
      (_d, i) => {
        if (i === 1) {
          abortedAt = performance.now()
          controller.abort()
        }
      },
    )
    const endedAfterAbort = performance.now() - abortedAt
    expect(result.error?.code).toBe('CANCELLED')
    expect(result.texts).toEqual(texts.slice(0, 2))
    expect(endedAfterAbort).toBeLessThan(1_500)
    await expect(
      Promise.race([
        server.requests[0]!.clientGone.then(() => 'closed'),
        new Promise((r) => setTimeout(() => r('still open'), 1_000)),
      ]),
    ).resolves.toBe('closed')
  })

  it('closes the connection when the consumer stops reading early', async () => {
    const texts = Array.from({ length: 60 }, (_, i) => `w${i} `)
    const server = await serve(kind.wire, [{ type: 'stream', texts, gapMs: 30 }])
    const provider = makeProvider(kind, kind.baseUrl(server.url))
    for await (const delta of provider.stream(REQUEST, new AbortController().signal)) {
      if (delta.type === 'text') break
    }
    await server.requests[0]!.clientGone
    expect(server.requests[0]!.clientClosedEarly).toBe(true)
  })

  it('stops at once while the server has not answered yet, and closes the connection', async () => {
    const server = await serve(kind.wire, [{ type: 'hang' }])
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 100)
    const provider = makeProvider(kind, kind.baseUrl(server.url), {
      ...FAST,
      idleTimeoutMs: 10_000,
    })
    const result = await collect(provider, controller.signal)
    expect(result.error?.code).toBe('CANCELLED')
    // Far below the 10 s idle limit: Stop, not the timeout, ended it.
    expect(result.elapsedMs).toBeLessThan(3_000)
    await server.requests[0]!.clientGone
    expect(server.requests).toHaveLength(1)
  })

  it('reuses one connection for replies in a row, and none lingers after a Stop', async () => {
    const server = await serve(kind.wire, [{ type: 'stream', texts: ['a ', 'b'], gapMs: 5 }])
    // Generous limits and no retries: on a loaded machine a 400 ms idle limit can fire and its
    // retry opens a second connection, which is not what this test is about.
    const provider = makeProvider(kind, kind.baseUrl(server.url), {
      connectTimeoutMs: 10_000,
      idleTimeoutMs: 10_000,
      retry: { maxRetries: 0, baseDelayMs: 20, maxRetryAfterMs: 2_000 },
    })
    // undici hands a finished socket back to its pool on a later turn of the event loop; a
    // person's next message never comes sooner than that.
    const nextTurn = (): Promise<void> => new Promise((r) => setImmediate(r))
    expect((await collect(provider)).texts).toEqual(['a ', 'b'])
    await nextTurn()
    expect((await collect(provider)).texts).toEqual(['a ', 'b'])
    expect(server.connections()).toEqual({ accepted: 1, open: 1 })

    server.setReplies([{ type: 'stream', texts: ['x ', 'y ', 'z'], stallAfter: 1 }])
    const controller = new AbortController()
    await nextTurn()
    const stopped = await collect(provider, controller.signal, () => controller.abort())
    expect(stopped.error?.code).toBe('CANCELLED')
    await server.requests[2]!.clientGone
    await expect.poll(() => server.connections().open).toBe(0)

    server.setReplies([{ type: 'stream', texts: ['again'] }])
    expect((await collect(provider)).texts).toEqual(['again'])
    expect(server.connections().open).toBe(1)
  })

  it('does not call the server when already aborted', async () => {
    const server = await serve(kind.wire, [{ type: 'stream', texts: ['x'] }])
    const controller = new AbortController()
    controller.abort()
    const result = await collect(makeProvider(kind, kind.baseUrl(server.url)), controller.signal)
    expect(result.error?.code).toBe('CANCELLED')
    expect(server.requests).toHaveLength(0)
  })
})

describe('missing API key', () => {
  it.each(KINDS.filter((k) => k.type === 'openai' || k.type === 'anthropic'))(
    '$type refuses to call without a key and says where to add it',
    async (kind) => {
      const server = await serve(kind.wire, [{ type: 'stream', texts: ['x'] }])
      const result = await collect(makeProvider(kind, kind.baseUrl(server.url), undefined, null))
      expect(result.error?.code).toBe('PROVIDER_NOT_CONFIGURED')
      expect(result.error?.message).toMatch(/Add it in Settings/)
      expect(server.requests).toHaveLength(0)
    },
  )

  it('an OpenAI-compatible server without a key gets no Authorization header', async () => {
    const kind = KINDS.find((k) => k.type === 'openai-compatible')!
    const server = await serve(kind.wire, [{ type: 'stream', texts: ['local'] }])
    const result = await collect(makeProvider(kind, kind.baseUrl(server.url), undefined, null))
    expect(result.texts).toEqual(['local'])
    expect(server.requests[0]!.headers.authorization).toBeUndefined()
  })
})

describe('one provider, many replies (the SDK model is shared)', () => {
  const kind = KINDS.find((k) => k.type === 'openai-compatible')!

  it('streams two replies at once, each over its own request, without mixing them', async () => {
    const first = Array.from({ length: 8 }, (_, i) => `a${i} `)
    const second = Array.from({ length: 8 }, (_, i) => `b${i} `)
    const server = await serve(kind.wire, [
      { type: 'stream', texts: first, gapMs: 15 },
      { type: 'stream', texts: second, gapMs: 10 },
    ])
    const provider = makeProvider(kind, kind.baseUrl(server.url))
    const [x, y] = await Promise.all([collect(provider), collect(provider)])
    expect(x.error).toBeNull()
    expect(y.error).toBeNull()
    // Which reply got which script depends on arrival order; each must hold exactly one script.
    expect([x.texts, y.texts].sort((p, q) => p[0]!.localeCompare(q[0]!))).toEqual([first, second])
    expect(server.requests).toHaveLength(2)
    for (const req of server.requests) expect(req.headers[ATTEMPT_HEADER]).toBeUndefined()
  })

  it('uses a changed API key on the very next reply', async () => {
    const server = await serve(kind.wire, [{ type: 'stream', texts: ['ok'] }])
    let key = 'sk-first-key-000000000000'
    const provider = new ConfiguredProvider(
      {
        id: 'p',
        type: kind.type,
        label: 'P',
        baseUrl: kind.baseUrl(server.url),
        model: kind.model,
      },
      { getApiKey: async () => key },
    )
    await collect(provider)
    key = 'sk-second-key-11111111111'
    await collect(provider)
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([
      'Bearer sk-first-key-000000000000',
      'Bearer sk-second-key-11111111111',
    ])
  })

  it('answers with the model each request names, not the one built first', async () => {
    const server = await serve(kind.wire, [{ type: 'stream', texts: ['ok'] }])
    const provider = makeProvider(kind, kind.baseUrl(server.url))
    for (const model of ['model-one', 'model-two', 'model-one']) {
      const result = await collect({
        stream: (r, s) => provider.stream({ ...r, model }, s),
      })
      expect(result.error).toBeNull()
    }
    expect(server.requests.map((r) => (r.body as { model: string }).model)).toEqual([
      'model-one',
      'model-two',
      'model-one',
    ])
  })
})
