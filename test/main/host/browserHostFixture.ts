import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import type { RunningHost } from '../../../src/main/host/browserHost'
import { startBrowserHost } from '../../../src/main/host/browserHost'

/**
 * A browser host on a fresh data dir for the enclosing describe block, with fast vault key
 * derivation (its worker reads the environment when it starts). Returns a getter.
 */
export function useBrowserHost(prefix: string): () => RunningHost {
  let dataDir = ''
  let host: RunningHost | null = null
  const saved = process.env.AMOS_VAULT_KDF_ITERATIONS

  beforeAll(async () => {
    process.env.AMOS_VAULT_KDF_ITERATIONS = '100000'
    dataDir = mkdtempSync(join(tmpdir(), prefix))
    host = await startBrowserHost({ dataDir, port: 0, staticDir: join(dataDir, 'no-renderer') })
  })

  afterAll(async () => {
    await host?.close()
    rmSync(dataDir, { recursive: true, force: true })
    if (saved === undefined) delete process.env.AMOS_VAULT_KDF_ITERATIONS
    else process.env.AMOS_VAULT_KDF_ITERATIONS = saved
  })

  return () => {
    if (!host) throw new Error('The browser host has not started.')
    return host
  }
}
