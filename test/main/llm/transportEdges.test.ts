import https from 'node:https'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { FAST, KINDS, collect, makeProvider } from './harness'
import { startLoopback } from './servers/loopback'
import type { LoopbackServer } from './servers/loopback'
import { selfSignedCertificate, startBlackhole } from './servers/unreachable'
import type { Blackhole } from './servers/unreachable'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()))
})

describe.each(KINDS)('$type provider: connect timeout', (kind) => {
  it('a host that never completes the connection is PROVIDER_TIMEOUT (connect), not retried', async () => {
    const hole: Blackhole = await startBlackhole()
    cleanups.push(() => hole.close())
    const result = await collect(
      makeProvider(kind, kind.baseUrl(`http://127.0.0.1:${hole.port}`), {
        ...FAST,
        connectTimeoutMs: 300,
      }),
    )
    expect(result.error?.code).toBe('PROVIDER_TIMEOUT')
    expect(result.error?.data?.timeout).toBe('connect')
    expect(result.error?.message).toMatch(/Could not connect to .* within 1 s/)
    // One attempt: a connect timeout is not retried, so the wait is the timeout, not three.
    expect(result.elapsedMs).toBeGreaterThanOrEqual(280)
    expect(result.elapsedMs).toBeLessThan(900)
  })
})

describe('HTTPS', () => {
  const kind = KINDS.find((k) => k.type === 'openai-compatible')!
  const tls = selfSignedCertificate()
  let server: LoopbackServer
  const defaultCa = https.globalAgent.options.ca

  beforeAll(async () => {
    server = await startLoopback(kind.wire, [{ type: 'stream', texts: ['Over ', 'TLS'] }], { tls })
  })
  afterAll(async () => {
    https.globalAgent.options.ca = defaultCa
    await server.close()
  })

  it('refuses a certificate it cannot trust, before anything is sent, and says what to do', async () => {
    const before = server.requests.length
    const { error } = await collect(makeProvider(kind, kind.baseUrl(server.url)))
    expect(error?.code).toBe('PROVIDER_UNREACHABLE')
    expect(error?.message).toMatch(
      /TLS certificate that is not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\)/,
    )
    expect(error?.message).toContain('NODE_EXTRA_CA_CERTS')
    expect(server.requests.length).toBe(before)
  })

  it('streams over TLS from a server whose certificate is trusted', async () => {
    // What NODE_EXTRA_CA_CERTS does for the whole process, for this one test.
    https.globalAgent.options.ca = [tls.cert]
    const result = await collect(makeProvider(kind, kind.baseUrl(server.url)))
    expect(result.error).toBeNull()
    expect(result.texts).toEqual(['Over ', 'TLS'])
    expect(server.requests.at(-1)?.headers.authorization).toMatch(/^Bearer /)
  })
})
