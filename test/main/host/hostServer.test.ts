import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningHost } from '../../../src/main/host/hostServer'
import { startHostServer } from '../../../src/main/host/hostServer'
import { CLOSE_BAD_TOKEN } from '../../../src/shared/hostSocket'
import { MirrorError } from '../../../src/shared/errors'
import { handlerTable } from '../ipc/handlerTable'
import { TestClient, tryConnect } from './wsClient'

interface HttpAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** Raw node:http so the path is sent exactly as written (fetch would normalize `..`). */
function get(port: number, path: string, host = `127.0.0.1:${port}`): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: host } }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

const message = (id: string, sessionId: string, content: string) => ({
  id,
  sessionId,
  role: 'assistant' as const,
  content,
  createdAt: '2025-01-01T00:00:00.000Z',
  pattern: 'exploratory' as const,
  uncertainty: 'none' as const,
  sensitive: false,
  status: 'complete' as const,
  provider: 'offline',
  model: 'm',
  metadata: {},
})

describe('browser host transport', () => {
  let root: string
  let host: RunningHost

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'amos-host-'))
    const staticDir = join(root, 'renderer')
    mkdirSync(join(staticDir, 'assets'), { recursive: true })
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>ActiveMirror</title>')
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)')
    writeFileSync(join(root, 'secret.txt'), 'top secret')
    host = await startHostServer({
      port: 0,
      staticDir,
      validateOutput: true,
      handlers: handlerTable({
        'chat.send': async (input, ctx) => {
          const base = { requestId: 'req_1', sessionId: input.sessionId }
          // Emitted before the response exists: the host must still deliver it after the response.
          ctx.emit('chat.started', { ...base, provider: 'offline', model: 'm' })
          setTimeout(() => {
            ctx.emit('chat.delta', { ...base, text: 'Hel' })
            ctx.emit('chat.delta', { ...base, text: 'lo' })
            ctx.emit('chat.done', { ...base, message: message('m2', input.sessionId, 'Hello') })
          }, 20)
          return {
            requestId: 'req_1',
            userMessage: { ...message('m1', input.sessionId, input.text), role: 'user' },
          }
        },
        'sessions.get': async (input) => {
          throw new MirrorError('NOT_FOUND', `Session ${input.id} not found.`)
        },
      }),
    })
  })

  afterAll(async () => {
    await host.close()
    rmSync(root, { recursive: true, force: true })
  })

  it('reports a 127.0.0.1 URL carrying a 32-byte base64url token in the fragment', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`)
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(Buffer.from(host.token, 'base64url')).toHaveLength(32)
  })

  it('serves the renderer with the strict CSP and security headers', async () => {
    const page = await get(host.port, '/')
    expect(page.status).toBe(200)
    expect(page.body).toContain('ActiveMirror')
    expect(page.headers['content-type']).toContain('text/html')
    const csp = String(page.headers['content-security-policy'])
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain(`ws://127.0.0.1:${host.port}`)
    expect(csp).not.toContain('unsafe-eval')
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    const script = await get(host.port, '/assets/app.js')
    expect(script.status).toBe(200)
    expect(script.headers['content-type']).toContain('javascript')
    expect(script.headers['content-security-policy']).toBe(csp)
    expect((await get(host.port, '/assets/missing.js')).status).toBe(404)
    expect((await get(host.port, '/favicon.ico')).status).toBe(204)
  })

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/..%5c..%5csecret.txt',
    '/..%00/secret.txt',
    '/%E0%A4%A',
  ])('refuses the traversal %s', async (path) => {
    const answer = await get(host.port, path)
    expect([403, 404]).toContain(answer.status)
    expect(answer.body).not.toContain('top secret')
  })

  it('refuses HTTP requests with a foreign Host header (DNS rebinding)', async () => {
    expect((await get(host.port, '/', `evil.example:${host.port}`)).status).toBe(403)
    expect((await get(host.port, '/', `localhost:${host.port}`)).status).toBe(200)
  })

  it('refuses a socket with a missing or wrong token with close code 4401', async () => {
    const base = `ws://127.0.0.1:${host.port}/ws`
    const origin = `http://127.0.0.1:${host.port}`
    expect(await tryConnect(base, { origin })).toEqual({ closeCode: CLOSE_BAD_TOKEN })
    expect(await tryConnect(`${base}?token=wrong`, { origin })).toEqual({
      closeCode: CLOSE_BAD_TOKEN,
    })
    expect(await tryConnect(`${base}?token=${host.token}x`, { origin })).toEqual({
      closeCode: CLOSE_BAD_TOKEN,
    })
  })

  it('refuses a foreign or missing Origin and a foreign Host with HTTP 403, even with the token', async () => {
    const url = `ws://127.0.0.1:${host.port}/ws?token=${host.token}`
    expect(await tryConnect(url, { origin: 'https://evil.example' })).toEqual({ status: 403 })
    expect(await tryConnect(url, { origin: `http://localhost:${host.port}` })).toEqual({
      status: 403,
    })
    expect(await tryConnect(url, {})).toEqual({ status: 403 })
    expect(
      await tryConnect(url, {
        origin: `http://127.0.0.1:${host.port}`,
        host: `evil.example:${host.port}`,
      }),
    ).toEqual({ status: 403 })
    expect(await tryConnect(`ws://127.0.0.1:${host.port}/other?token=${host.token}`, {})).toEqual({
      status: 404,
    })
  })

  it('answers requests with the result envelope and passes MirrorErrors through', async () => {
    const client = await TestClient.connect(host.port, host.token)
    expect(await client.request('sessions.get', { id: 'nope' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Session nope not found.' },
    })
    expect(await client.request('__proto__', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_ROUTE' },
    })
    expect(await client.request('sessions.get', { id: 1 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    })
    client.close()
  })

  it('answers malformed frames with VALIDATION_FAILED and keeps the socket usable', async () => {
    const client = await TestClient.connect(host.port, host.token)
    client.sendRaw('{not json')
    client.sendRaw('[]')
    client.sendRaw(JSON.stringify({ id: 'x1', input: {} }))
    client.sendRaw(JSON.stringify({ id: { nested: true }, route: 'sessions.get' }))
    client.sendRaw(Buffer.from([1, 2, 3]))
    await client.waitFor(() => client.frames.length >= 5)
    for (const frame of client.frames) {
      expect(frame.result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
    }
    // The id comes back when the frame had a usable one.
    expect(client.frames.filter((f) => f.id === 'x1')).toHaveLength(1)
    expect(client.frames.filter((f) => f.id === null)).toHaveLength(4)
    expect((await client.request('sessions.get', { id: 'a' })).error?.code).toBe('NOT_FOUND')
    client.close()
  })

  it('sends chat events only to the asking socket, after the response', async () => {
    const asker = await TestClient.connect(host.port, host.token)
    const bystander = await TestClient.connect(host.port, host.token)
    const sent = await asker.request('chat.send', {
      sessionId: 's1',
      text: 'Hi',
      pattern: 'exploratory',
      uncertainty: 'none',
    })
    expect(sent).toMatchObject({
      ok: true,
      data: { requestId: 'req_1', userMessage: { content: 'Hi' } },
    })
    await asker.waitFor((f) => f.event === 'chat.done')
    const order = asker.frames.map((f) => f.event ?? 'response')
    expect(order).toEqual(['response', 'chat.started', 'chat.delta', 'chat.delta', 'chat.done'])
    const text = asker.events('chat.delta').map((f) => (f.payload as { text: string }).text)
    expect(text.join('')).toBe('Hello')
    // Round-trip on the bystander so anything sent to it would have arrived by now.
    await bystander.request('sessions.get', { id: 'x' })
    expect(bystander.events()).toEqual([])
    asker.close()
    bystander.close()
  })
})
