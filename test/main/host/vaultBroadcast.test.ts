import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBrowserHost } from '../../../src/main/host/browserHost'
import type { RunningHost } from '../../../src/main/host/hostServer'
import { events } from '../../../src/shared/events'
import { TestClient } from './wsClient'

describe('vault events reach every socket of the browser host', () => {
  let dataDir: string
  let host: RunningHost
  const saved = process.env.AMOS_VAULT_KDF_ITERATIONS

  beforeAll(async () => {
    process.env.AMOS_VAULT_KDF_ITERATIONS = '100000'
    dataDir = mkdtempSync(join(tmpdir(), 'amos-vault-broadcast-'))
    host = await startBrowserHost({ dataDir, port: 0, staticDir: join(dataDir, 'no-renderer') })
  })

  afterAll(async () => {
    await host.close()
    rmSync(dataDir, { recursive: true, force: true })
    if (saved === undefined) delete process.env.AMOS_VAULT_KDF_ITERATIONS
    else process.env.AMOS_VAULT_KDF_ITERATIONS = saved
  })

  it('locking in one tab tells all tabs; unlocking too', async () => {
    const a = await TestClient.connect(host.port, host.token)
    const b = await TestClient.connect(host.port, host.token)
    expect((await a.request('vault.init', { password: 'broadcast password' })).ok).toBe(true)
    const unlocked = await b.waitFor((f) => f.event === 'vault.unlocked')
    expect(events['vault.unlocked'].parse(unlocked.payload)).toEqual({ method: 'init' })

    expect((await a.request('vault.lock', {})).ok).toBe(true)
    for (const client of [a, b]) {
      const locked = await client.waitFor((f) => f.event === 'vault.locked')
      expect(events['vault.locked'].parse(locked.payload)).toEqual({ reason: 'manual' })
    }
    // One event per lock, however many sockets there are.
    expect(a.events('vault.locked')).toHaveLength(1)
    a.close()
    b.close()
  })
})
