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
  /** Lines the host logged for a route output or event that broke the contract. */
  contractViolations(): string[]
}

/** What the host logs when a route output or an event fails its schema (see docs/architecture.md). */
const CONTRACT_VIOLATION = /does not match its schema|Unknown event/

/** Starts `amos serve` exactly as a user would, on a random port with a fresh data dir. */
export async function startHost(
  dataDir: string,
  offlineDelayMs = 15,
  port = 0,
): Promise<RunningHost> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['bin/amos.mjs', 'serve', '--port', String(port), '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      // Contract checks are on unless NODE_ENV=production: every e2e run checks routes and events.
      env: { ...process.env, NODE_ENV: 'test', AMOS_OFFLINE_DELAY_MS: String(offlineDelayMs) },
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
    contractViolations: () => stderr.split('\n').filter((l) => CONTRACT_VIOLATION.test(l)),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

export interface HostOptions {
  /** The offline engine's pause per streamed word (15 ms, as in the app); specs tune it. */
  offlineDelayMs: number
}

export const test = base.extend<HostOptions & { host: RunningHost }>({
  offlineDelayMs: [15, { option: true }],
  host: async ({ offlineDelayMs }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'amos-e2e-'))
    const host = await startHost(dataDir, offlineDelayMs)
    await use(host)
    await host.stop()
    rmSync(dataDir, { recursive: true, force: true })
    // A contract mismatch reaches the page only as INTERNAL or a missing event: fail loudly here.
    const violations = host.contractViolations()
    if (violations.length > 0) {
      const shown = violations.slice(0, 5).join('\n')
      throw new Error(`The host broke the route/event contract ${violations.length}×:\n${shown}`)
    }
  },
})

export { expect } from '@playwright/test'
