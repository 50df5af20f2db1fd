import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { median } from './stats'
import { report } from './summary'

const ROUNDS = 15
const TARGET_MS = 300
const ROOT = path.resolve(import.meta.dirname, '..')
const BIN = path.join(ROOT, 'bin/amos.mjs')

/** Wall time of one process run to its exit, in ms. */
function timeRun(args: string[], env: NodeJS.ProcessEnv): number {
  const started = performance.now()
  const run = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] })
  const ms = performance.now() - started
  if (run.status !== 0) throw new Error(`${args.join(' ')} failed: ${run.stderr.toString()}`)
  return ms
}

/**
 * `amos` start-up as a user runs it (the compiled CLI; `npm run build:cli` first), beside the raw
 * baseline of starting Node itself, alternating the two so machine load hits both alike.
 */
export async function run(): Promise<void> {
  // A stale build would make the bin fall back to the TypeScript sources through tsx.
  timeRun([path.join(ROOT, 'scripts/build-cli.mjs'), '--if-stale'], process.env)
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amos-cli-bench-'))
  const env = { ...process.env, AMOS_DATA_DIR: dataDir }
  try {
    const commands: Array<{ label: string; args: string[] }> = [
      { label: 'amos --help', args: [BIN, '--help'] },
      { label: 'amos sessions list', args: [BIN, 'sessions', 'list'] },
    ]
    timeRun([BIN, 'sessions', 'list'], env) // creates the empty store once
    console.log(`raw = node -e '' (Node's own start); median of ${ROUNDS} alternating runs`)
    for (const { label, args } of commands) {
      const app: number[] = []
      const raw: number[] = []
      for (let i = 0; i < ROUNDS; i++) {
        raw.push(timeRun(['-e', ''], env))
        app.push(timeRun(args, env))
      }
      const a = median(app)
      const r = median(raw)
      report({
        figure: `start-up: ${label}, median`,
        app: `${a.toFixed(0)} ms`,
        raw: `${r.toFixed(0)} ms`,
        ratio: a / r,
        target: `< ${TARGET_MS} ms`,
        met: a < TARGET_MS,
      })
      console.log(
        `  ${label.padEnd(20)} ${a.toFixed(0).padStart(5)} ms   raw ${r.toFixed(0).padStart(4)} ms   ` +
          `ratio ${(a / r).toFixed(1)}x   under ${TARGET_MS} ms: ${a < TARGET_MS ? 'yes' : 'NO'}`,
      )
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
