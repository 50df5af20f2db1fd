import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll } from 'vitest'
import type { CliIo } from '../../../src/cli/context'
import { main } from '../../../src/cli/main'

export const REPO = path.resolve(import.meta.dirname, '../../..')
const BIN = path.join(REPO, 'bin/amos.mjs')
export const FIXTURES = path.join(REPO, 'test/fixtures/import')

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
  /** Milliseconds after spawn at which each stdout chunk arrived, and when the process ended. */
  chunkTimes: number[]
  endTime: number
}

export interface RunOptions {
  env?: Record<string, string | undefined>
  cwd?: string
  input?: string
}

function childEnv(options: RunOptions): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env }
  if (!options.env || !('AMOS_DATA_DIR' in options.env)) delete env.AMOS_DATA_DIR
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key]
  return env
}

/**
 * Runs `amos` in this process through the same `main(argv, io)` the bin calls, with the
 * environment a child would get (services read a few AMOS_* variables from process.env, so it
 * is swapped in for the call) and stdin as a pipe, not a terminal. Output is captured with the
 * time each stdout write arrived.
 */
export async function amos(args: string[], options: RunOptions = {}): Promise<CliResult> {
  const env = childEnv(options)
  const started = Date.now()
  let stdout = ''
  let stderr = ''
  const chunkTimes: number[] = []
  const io: CliIo = {
    stdout: {
      write: (text) => {
        stdout += text
        chunkTimes.push(Date.now() - started)
      },
      isTTY: false,
    },
    stderr: { write: (text) => void (stderr += text), isTTY: false },
    env,
    cwd: options.cwd ?? REPO,
    stdin: (async function* () {
      if (options.input) yield Buffer.from(options.input)
    })(),
    onInterrupt: () => () => undefined,
  }
  const saved = process.env
  process.env = env
  try {
    const code = await main(args, io)
    return { code, stdout, stderr, chunkTimes, endTime: Date.now() - started }
  } finally {
    process.env = saved
  }
}

/**
 * Runs the real `amos` bin (the compiled CLI while it is fresh) in a child process, with a clean
 * environment for AMOS_* vars. For what only a process shows: exit codes, signals, stdin that is
 * not a terminal, start-up.
 */
export function amosBin(args: string[], options: RunOptions = {}): Promise<CliResult> {
  const env = childEnv(options)
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? REPO,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    const chunkTimes: number[] = []
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      chunkTimes.push(Date.now() - started)
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) =>
      resolve({ code, stdout, stderr, chunkTimes, endTime: Date.now() - started }),
    )
    child.stdin.end(options.input ?? '')
  })
}

/** `amos … --json` in process, parsed; fails loudly with stderr when the command did not succeed. */
export async function amosJson<T = unknown>(args: string[], options?: RunOptions): Promise<T> {
  return parsed<T>(args, await amos([...args, '--json'], options))
}

/** `amos … --json` through the real bin, parsed, as amosJson. */
export async function amosBinJson<T = unknown>(args: string[], options?: RunOptions): Promise<T> {
  return parsed<T>(args, await amosBin([...args, '--json'], options))
}

function parsed<T>(args: string[], result: CliResult): T {
  if (result.code !== 0)
    throw new Error(`amos ${args.join(' ')} → ${result.code}: ${result.stderr}`)
  return JSON.parse(result.stdout) as T
}

export function tempDir(prefix = 'amos-cli-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix))
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

/** Call at a test file's top level: a fresh data dir per call, all removed after the file's tests. */
export function dataDirs(): () => string {
  const dirs: string[] = []
  afterAll(() => dirs.forEach(removeDir))
  return () => {
    const dir = tempDir()
    dirs.push(dir)
    return dir
  }
}

/** Every file under `dir` with its bytes, to prove a command changed nothing. */
export function folderBytes(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (rel: string): void => {
    for (const name of readdirSync(path.join(dir, rel))) {
      const relPath = path.join(rel, name)
      const full = path.join(dir, relPath)
      if (statSync(full).isDirectory()) walk(relPath)
      else out[relPath] = readFileSync(full).toString('base64')
    }
  }
  walk('')
  return out
}

/** Asserts the shape every failure must have: one line on stderr starting with the code. */
export function errorLine(result: CliResult): string {
  const lines = result.stderr.split('\n').filter((l) => l.length > 0)
  if (lines.length !== 1) throw new Error(`expected one stderr line, got: ${result.stderr}`)
  return lines[0]!
}
