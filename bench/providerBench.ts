import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium } from '@playwright/test'
import type { PageFigures } from './providerPage'
import { PAGE_SCRIPT } from './providerPage'
import { startStampServer } from './providerServer'
import type { StampServer } from './providerServer'
import { median } from './stats'
import { report as summarize } from './summary'

/**
 * Issue 4 figures, in browser mode: `amos serve` with an OpenAI-compatible provider pointing at
 * a loopback SSE server, and a Chromium page speaking the host's WebSocket protocol.
 *   - delta latency: a delta leaving the server → the page receiving its chat.delta
 *     (target: median < 1 ms added by the app);
 *   - first-token latency: chat.send leaving the page → first chat.delta, minus the server's
 *     own first-byte delay (target: < 10 ms added by the app).
 * The same page also reads the server's SSE directly, one direct turn after each app turn: what
 * the page's own network stack and the loopback take is what the direct fetch takes, so for
 * both figures "added by the app" is through the app minus direct. Clocks: both sides use
 * timeOrigin + now(); the page's offset to the server clock is measured and its uncertainty
 * (best round trip / 2) printed.
 */

const TURNS = 30
const DELTAS = 60
const GAP_MS = 4
const FIRST_BYTE_DELAY_MS = 50

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!
}

const ms = (n: number): string => `${n.toFixed(2)} ms`

function startHost(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['bin/amos.mjs', 'serve', '--port', '0', '--data-dir', dataDir],
    {
      cwd: path.resolve(import.meta.dirname, '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, AMOS_KEYCHAIN_SERVICE: `ActiveMirror-bench-${randomUUID()}` },
    },
  )
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    const timer = setTimeout(() => reject(new Error(`host did not start: ${err}`)), 30_000)
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()))
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      const match = /ActiveMirror running at (\S+)/.exec(out)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve({ url: match[1], child })
      }
    })
    child.on('exit', (code) => reject(new Error(`host exited with ${code}: ${err}`)))
  })
}

export async function run(): Promise<void> {
  const server = await startStampServer({
    deltas: DELTAS,
    gapMs: GAP_MS,
    firstByteDelayMs: FIRST_BYTE_DELAY_MS,
  })
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'amos-provider-bench-'))
  // The documented settings file (docs/providers.md); no key: a local server needs none.
  writeFileSync(
    path.join(dataDir, 'providers.json'),
    JSON.stringify({
      version: 1,
      defaultProviderId: 'bench',
      providers: [
        {
          id: 'bench',
          type: 'openai-compatible',
          label: 'Bench server',
          baseUrl: `${server.baseUrl}/v1`,
          model: 'bench-model',
        },
      ],
    }),
  )
  const host = await startHost(dataDir)
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  })
  try {
    // bypassCSP lets the page reach the stamp server for the clock and the direct baseline.
    const context = await browser.newContext({ bypassCSP: true })
    const page = await context.newPage()
    await page.goto(host.url)
    const url = new URL(host.url)
    const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? ''
    const figures = (await page.evaluate(
      `(${PAGE_SCRIPT})(${JSON.stringify({
        turns: TURNS,
        clockUrl: `${server.baseUrl}/clock`,
        directUrl: `${server.baseUrl}/direct`,
        wsUrl: `ws://${url.host}/ws?token=${encodeURIComponent(token)}`,
      })})`,
    )) as PageFigures
    report(figures, server.firstByteDelays)
  } finally {
    await browser.close()
    host.child.kill('SIGTERM')
    await server.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

function report(f: PageFigures, serverDelays: StampServer['firstByteDelays']): void {
  const appFirst = f.app.first.map((t, i) => t - serverDelays.app[i]!)
  const directFirst = f.direct.first.map((t, i) => t - serverDelays.direct[i]!)
  const warm = appFirst.slice(1)
  // Each app turn against the direct fetch right after it: the same load, the same moment.
  const pairedAdded = warm.map((t, i) => t - directFirst[i + 1]!)
  // Skip each turn's first delta for the per-delta figure: it also carries the turn's setup.
  const appDeltas = f.app.deltas
  const directDeltas = f.direct.deltas
  console.log(
    `${TURNS} turns × ${DELTAS} deltas, ${GAP_MS} ms apart; server first-byte delay ${FIRST_BYTE_DELAY_MS} ms`,
  )
  console.log(
    `page clock offset ${ms(f.offset)} (uncertainty ±${ms(f.rtt / 2)}, best of 40 round trips)`,
  )
  console.log('delta: server write → page receives')
  console.log(
    `  through the app   median ${ms(median(appDeltas))}  p90 ${ms(quantile(appDeltas, 0.9))}  (${appDeltas.length} deltas)`,
  )
  console.log(
    `  direct SSE fetch  median ${ms(median(directDeltas))}  p90 ${ms(quantile(directDeltas, 0.9))}`,
  )
  const added = median(appDeltas) - median(directDeltas)
  summarize({
    figure: 'stream: each delta, server write → page, median',
    app: ms(median(appDeltas)),
    raw: ms(median(directDeltas)),
    ratio: median(appDeltas) / median(directDeltas),
    target: `app − raw < 1 ms (${ms(added)})`,
    met: added < 1,
  })
  console.log(
    `  added by the app  ${ms(added)} (median difference; target < 1 ms) ${added < 1 ? 'OK' : 'ABOVE TARGET'}`,
  )
  console.log(
    'first token: request leaves the page → first delta, minus the server first-byte delay',
  )
  console.log(
    `  through the app   cold ${ms(appFirst[0]!)}  warm median ${ms(median(warm))}  p90 ${ms(quantile(warm, 0.9))}`,
  )
  console.log(
    `  direct SSE fetch  median ${ms(median(directFirst))}  p90 ${ms(quantile(directFirst, 0.9))}`,
  )
  // Like the delta figure: what the page would wait anyway (its own network stack, loopback,
  // the server's processing) is what the direct fetch takes; the app's share is the rest.
  const firstAdded = median(pairedAdded)
  summarize({
    figure: 'stream: first token through the page, warm median',
    app: ms(median(warm)),
    raw: ms(median(directFirst)),
    ratio: median(warm) / median(directFirst),
    target: `app − raw < 10 ms (${ms(firstAdded)})`,
    met: firstAdded < 10,
  })
  console.log(
    `  added by the app  ${ms(firstAdded)} (median of app − direct, turn by turn; target < 10 ms) ` +
      `${firstAdded < 10 ? 'OK' : 'ABOVE TARGET'}  p90 ${ms(quantile(pairedAdded, 0.9))}`,
  )
}
