import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base } from '@playwright/test'

export interface RunningHost {
  url: string
  origin: string
  token: string
  dataDir: string
  stop(): Promise<void>
}

/** Starts `amos serve` exactly as a user would, on a random port with a fresh data dir. */
export async function startHost(dataDir: string): Promise<RunningHost> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['bin/amos.mjs', 'serve', '--port', '0', '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, AMOS_OFFLINE_DELAY_MS: process.env.AMOS_OFFLINE_DELAY_MS ?? '15' },
    },
  )
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  const line = await new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`host did not start: ${stderr}`)), 20_000)
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /ActiveMirror running at (\S+)/.exec(out)
      if (m?.[1]) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
    child.on('exit', (code) => reject(new Error(`host exited with ${code}: ${stderr}`)))
  })
  const url = new URL(line)
  return {
    url: line,
    origin: url.origin,
    token: new URLSearchParams(url.hash.slice(1)).get('token') ?? '',
    dataDir,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

export const test = base.extend<{ host: RunningHost }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their deps
  host: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'amos-e2e-'))
    const host = await startHost(dataDir)
    await use(host)
    await host.stop()
    rmSync(dataDir, { recursive: true, force: true })
  },
})

export { expect } from '@playwright/test'
