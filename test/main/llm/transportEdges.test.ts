import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { runTsChild } from '../helpers/tsChild'
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
        // A retry would wait 3 s first, which the elapsed time below would show.
        retry: { maxRetries: 2, baseDelayMs: 3_000 },
      }),
    )
    expect(result.error?.code).toBe('PROVIDER_TIMEOUT')
    expect(result.error?.data?.timeout).toBe('connect')
    expect(result.error?.message).toMatch(/Could not connect to .* within 1 s/)
    // undici's timers tick about once a second, so the limit fires up to ~1 s late.
    expect(result.elapsedMs).toBeGreaterThanOrEqual(280)
    expect(result.elapsedMs).toBeLessThan(2_500)
  })
})

const CHILD = path.join(import.meta.dirname, 'streamOnceChild.ts')

async function streamInChild(
  type: string,
  baseUrl: string,
  env: Record<string, string>,
): Promise<{ texts: string[]; error: { code: string; message: string } | null }> {
  const run = await runTsChild(CHILD, [type, baseUrl], { env })
  expect(run, run.stderr).toMatchObject({ code: 0 })
  return JSON.parse(run.stdout) as Awaited<ReturnType<typeof streamInChild>>
}

describe('HTTPS', () => {
  const kind = KINDS.find((k) => k.type === 'openai-compatible')!
  const tls = selfSignedCertificate()
  let server: LoopbackServer
  const dir = mkdtempSync(path.join(os.tmpdir(), 'amos-ca-'))

  beforeAll(async () => {
    server = await startLoopback(kind.wire, [{ type: 'stream', texts: ['Over ', 'TLS'] }], { tls })
  })
  afterAll(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
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

  it('streams over TLS from a server whose certificate NODE_EXTRA_CA_CERTS trusts', async () => {
    const caFile = path.join(dir, 'ca.pem')
    writeFileSync(caFile, tls.cert)
    // Node reads NODE_EXTRA_CA_CERTS once, at start: the reply is streamed by a process started with it.
    const result = await streamInChild(kind.type, kind.baseUrl(server.url), {
      NODE_EXTRA_CA_CERTS: caFile,
    })
    expect(result).toEqual({ texts: ['Over ', 'TLS'], error: null })
    expect(server.requests.at(-1)?.headers.authorization).toMatch(/^Bearer /)
  })
})
