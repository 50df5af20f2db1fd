// @vitest-environment node
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import type { ConnectionState, SocketLike } from '../../../src/renderer/src/bridge/wsBridge'
import { WebSocketBridge } from '../../../src/renderer/src/bridge/wsBridge'
import { MAX_FRAME_BYTES } from '../../../src/shared/hostSocket'

interface TestServer {
  wss: WebSocketServer
  port: number
  tokens: string[]
  /** Frames received, parsed. */
  frames: Array<{ id: number; route: string; input: unknown }>
  close(): Promise<void>
}

type Reply = (frame: { id: number; route: string; input: unknown }, socket: WebSocket) => void

const echo: Reply = (frame, socket) => {
  socket.send(
    JSON.stringify({
      id: frame.id,
      result: { ok: true, data: { route: frame.route, input: frame.input } },
    }),
  )
}

async function startServer(
  port = 0,
  reply: Reply = echo,
  onConnect?: (socket: WebSocket) => void,
): Promise<TestServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port })
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve)
    wss.once('error', reject)
  })
  const server: TestServer = {
    wss,
    port: (wss.address() as AddressInfo).port,
    tokens: [],
    frames: [],
    async close() {
      for (const client of wss.clients) client.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
    },
  }
  wss.on('connection', (socket, request) => {
    server.tokens.push(new URL(request.url ?? '/', 'http://x').searchParams.get('token') ?? '')
    onConnect?.(socket)
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { id: number; route: string; input: unknown }
      server.frames.push(frame)
      reply(frame, socket)
    })
  })
  return server
}

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function bridgeTo(
  port: number,
  options: Partial<ConstructorParameters<typeof WebSocketBridge>[0]> = {},
) {
  const bridge = new WebSocketBridge({
    url: `ws://127.0.0.1:${port}/ws`,
    token: 'secret token/+=',
    createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
    initialBackoffMs: 20,
    maxBackoffMs: 100,
    ...options,
  })
  const states: ConnectionState[] = []
  bridge.onStateChange((state) => states.push(state))
  cleanups.push(() => bridge.dispose())
  return { bridge, states }
}

function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (check()) return resolve()
      if (Date.now() - started > timeoutMs) return reject(new Error('condition not met in time'))
      setTimeout(poll, 10)
    }
    poll()
  })
}

describe('WebSocketBridge', () => {
  it('sends the token and matches responses to requests by id', async () => {
    const server = await startServer(0, (frame, socket) => {
      // Answer in reverse order of arrival to prove ids, not order, pair them up.
      if (frame.route === 'sessions.get') setTimeout(() => echo(frame, socket), 50)
      else echo(frame, socket)
    })
    cleanups.push(() => server.close())
    const { bridge } = bridgeTo(server.port)

    const [slow, fast] = await Promise.all([
      bridge.request('sessions.get', { id: 'abc' }),
      bridge.request('app.info', {}),
    ])
    expect(server.tokens).toEqual(['secret token/+='])
    expect(slow).toEqual({ ok: true, data: { route: 'sessions.get', input: { id: 'abc' } } })
    expect(fast).toEqual({ ok: true, data: { route: 'app.info', input: {} } })
    expect(new Set(server.frames.map((f) => f.id)).size).toBe(2)
  })

  it('passes error results through unchanged', async () => {
    const server = await startServer(0, (frame, socket) => {
      socket.send(
        JSON.stringify({
          id: frame.id,
          result: { ok: false, error: { code: 'NOT_FOUND', message: 'No such session.' } },
        }),
      )
    })
    cleanups.push(() => server.close())
    const { bridge } = bridgeTo(server.port)
    expect(await bridge.request('sessions.get', { id: 'gone' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No such session.' },
    })
  })

  it('fans pushed events out to every listener until they unsubscribe', async () => {
    const server = await startServer(0, (frame, socket) => {
      echo(frame, socket)
      socket.send(
        JSON.stringify({
          event: 'chat.delta',
          payload: { requestId: 'r1', sessionId: 's1', text: 'Hi' },
        }),
      )
    })
    cleanups.push(() => server.close())
    const { bridge } = bridgeTo(server.port)
    const first: string[] = []
    const second: string[] = []
    const offFirst = bridge.on('chat.delta', (p) => first.push(p.text))
    bridge.on('chat.delta', (p) => second.push(p.text))
    bridge.on('chat.done', () => {
      throw new Error('must not be called')
    })

    await bridge.request('app.info', {})
    await until(() => second.length === 1)
    offFirst()
    await bridge.request('app.info', {})
    await until(() => second.length === 2)
    expect(first).toEqual(['Hi'])
    expect(second).toEqual(['Hi', 'Hi'])
  })

  it('reconnects after the host restarts; a request made meanwhile waits and then succeeds', async () => {
    let server = await startServer()
    const port = server.port
    const { bridge, states } = bridgeTo(port)
    expect(await bridge.request('app.info', {})).toMatchObject({ ok: true })

    await server.close()
    await until(() => states.includes('closed'))
    const waiting = bridge.request('sessions.get', { id: 'during-outage' })
    await new Promise((resolve) => setTimeout(resolve, 150))

    server = await startServer(port)
    cleanups.push(() => server.close())
    expect(await waiting).toEqual({
      ok: true,
      data: { route: 'sessions.get', input: { id: 'during-outage' } },
    })
    expect(bridge.connectionState).toBe('open')
    expect(server.tokens).toEqual(['secret token/+='])
    expect(states.filter((s) => s === 'open').length).toBeGreaterThanOrEqual(2)
  })

  it('a request made while the host is down fails with BRIDGE_DISCONNECTED after the timeout', async () => {
    const server = await startServer()
    const port = server.port
    await server.close()
    const { bridge } = bridgeTo(port, { offlineTimeoutMs: 200 })
    const started = Date.now()
    const result = await bridge.request('app.info', {})
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe('BRIDGE_DISCONNECTED')
    expect(Date.now() - started).toBeGreaterThanOrEqual(180)
  })

  it('a request whose answer is lost with the connection fails instead of hanging', async () => {
    const server = await startServer(0, (_frame, socket) => socket.terminate())
    cleanups.push(() => server.close())
    const { bridge } = bridgeTo(server.port)
    const result = await bridge.request('chat.send', {
      sessionId: 's1',
      text: 'hi',
      pattern: 'exploratory',
      uncertainty: 'none',
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'BRIDGE_DISCONNECTED' } })
  })

  it('stops reconnecting when the host refuses the token (close 4401)', async () => {
    let connections = 0
    const server = await startServer(0, echo, (socket) => {
      connections++
      socket.close(4401, 'Missing or wrong token')
    })
    cleanups.push(() => server.close())
    const { bridge, states } = bridgeTo(server.port)
    await until(() => states.includes('refused'))
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(connections).toBe(1)
    const result = await bridge.request('app.info', {})
    expect(result).toMatchObject({ ok: false, error: { code: 'BRIDGE_DISCONNECTED' } })
    if (!result.ok) expect(result.error.message).toContain('amos serve')
  })

  it('maps the host closing on an oversize frame (1009) to REQUEST_TOO_LARGE, then reconnects', async () => {
    // A real ws server with a tiny frame limit closes exactly as the browser host does.
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 64 })
    await new Promise<void>((resolve) => wss.once('listening', resolve))
    wss.on('connection', (socket) => {
      socket.on('message', (data) => echo(JSON.parse(String(data)), socket))
      socket.on('error', () => undefined)
    })
    cleanups.push(() => new Promise<void>((resolve) => wss.close(() => resolve())))
    const { bridge, states } = bridgeTo((wss.address() as AddressInfo).port)
    const result = await bridge.request('sessions.get', { id: 'x'.repeat(100) })
    expect(result).toMatchObject({ ok: false, error: { code: 'REQUEST_TOO_LARGE' } })
    if (!result.ok) expect(result.error.message).toContain('too large')
    await until(() => states.filter((s) => s === 'open').length === 2)
    expect(await bridge.request('app.info', {})).toMatchObject({ ok: true })
    for (const client of wss.clients) client.terminate()
  })

  it('fails a request over the frame limit at once with REQUEST_TOO_LARGE, without sending it', async () => {
    const server = await startServer()
    cleanups.push(() => server.close())
    const { bridge, states } = bridgeTo(server.port)
    await until(() => states.includes('open'))
    const result = await bridge.request('vault.restore', {
      content: 'x'.repeat(MAX_FRAME_BYTES),
      password: 'pw',
      mode: 'merge',
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'REQUEST_TOO_LARGE' } })
    if (!result.ok) expect(result.error.message).toContain('at most 6 MB at once')
    // Multi-byte text is measured in UTF-8, not in characters.
    const wide = await bridge.request('sessions.get', { id: '€'.repeat(MAX_FRAME_BYTES / 3) })
    expect(wide).toMatchObject({ ok: false, error: { code: 'REQUEST_TOO_LARGE' } })
    expect(await bridge.request('app.info', {})).toMatchObject({ ok: true })
    expect(server.frames.map((f) => f.route)).toEqual(['app.info'])
    expect(bridge.connectionState).toBe('open')
  })
})
