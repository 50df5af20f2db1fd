import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import type { CoreClient } from '../../../src/main/core/coreClient'
import { startCoreClient } from '../../../src/main/core/coreClient'
import type { RequestContext } from '../../../src/main/ipc/requestContext'
import type { VaultEntry, VaultStatus } from '../../../src/shared/vault'
import { amosBin } from '../../cli/helpers/runCli'

const PASSWORD = 'live vault password 1'
const NEW_PASSWORD = 'live vault password 2'
// A private keychain service for this file: the app's worker and the CLI children share it.
process.env.AMOS_KEYCHAIN_SERVICE = `ActiveMirror-live-vault-${randomUUID()}`
const ENV = { AMOS_VAULT_KDF_ITERATIONS: '100000', AMOS_VAULT_PASSWORD: PASSWORD }

let dataDir: string
let client: CoreClient | null = null
afterEach(async () => {
  await client?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const quiet: RequestContext = { emit: () => {} }
async function call<T>(route: string, input: unknown = {}): Promise<T> {
  const result = await client!.dispatch(route, input, quiet)
  if (!result.ok) throw new Error(`${route}: ${result.error.code} ${result.error.message}`)
  return result.data as T
}

async function cli(args: string[], env: Record<string, string> = {}): Promise<number> {
  const result = await amosBin([...args, '--data-dir', dataDir], { env: { ...ENV, ...env } })
  if (result.code !== 0) throw new Error(`amos ${args.join(' ')}: ${result.stderr}`)
  return Date.now()
}

async function vaultChangedSince(times: number[], since: number): Promise<number> {
  for (const deadline = since + 3_000; Date.now() < deadline;) {
    const hit = times.find((at) => at >= since - 1_000)
    if (hit !== undefined) return Math.max(0, hit - since)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error('No vault.changed.')
}

it('vault.changed reaches the open app within 1 s; its own lock state stays its own', async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'amos-live-vault-'))
  client = await startCoreClient({
    config: { dataDir, storage: 'sqlite', host: 'browser', version: 'test', validateOutput: true },
  })
  const changed: number[] = []
  client.onBroadcast((event) => void (event === 'vault.changed' && changed.push(Date.now())))
  await new Promise((resolve) => setTimeout(resolve, 400))
  expect((await call<VaultStatus>('vault.status')).initialized).toBe(false)

  const delays: number[] = []
  delays.push(await vaultChangedSince(changed, await cli(['vault', 'init'])))
  expect(await call<VaultStatus>('vault.status')).toMatchObject({
    initialized: true,
    unlocked: false,
  })

  await call('vault.unlock', { password: PASSWORD })
  changed.length = 0
  delays.push(await vaultChangedSince(changed, await cli(['vault', 'set', 'city', 'Lisbon'])))
  const entries = await call<VaultEntry[]>('vault.listEntries', {})
  expect(entries.map((e) => [e.key, e.value])).toEqual([['city', 'Lisbon']])

  // Another process locking locks only itself; a new password re-wraps the same key.
  await cli(['vault', 'lock'])
  changed.length = 0
  const rewrapped = await cli(['vault', 'change-password'], {
    AMOS_VAULT_NEW_PASSWORD: NEW_PASSWORD,
  })
  delays.push(await vaultChangedSince(changed, rewrapped))
  expect((await call<VaultStatus>('vault.status')).unlocked).toBe(true)
  expect((await call<VaultEntry>('vault.getEntry', { key: 'city' })).value).toBe('Lisbon')
  for (const delay of delays) expect(delay).toBeLessThan(1_000)
}, 120_000)
