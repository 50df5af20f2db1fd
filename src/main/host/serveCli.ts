import { existsSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { MirrorError, isMirrorError } from '../../shared/errors'
import { resolveDataDir } from '../paths'
import type { StorageKind } from '../mirrorApi'
import { DEFAULT_PORT, DEFAULT_STATIC_DIR, runningLine, startBrowserHost } from './browserHost'

export interface ServeArgs {
  port: number
  dataDir: string
  storage?: StorageKind
  databaseUrl?: string
  staticDir: string
}

export interface ServeIo {
  stdout: { write(text: string): unknown }
  stderr: { write(text: string): unknown }
  env: Record<string, string | undefined>
  cwd: string
}

const USAGE =
  'usage: npm run serve -- [--port N] [--data-dir DIR] [--storage sqlite|json|postgres] [--database-url URL] [--static-dir DIR]'

function usage(message: string): MirrorError {
  return new MirrorError('USAGE', `${message} (${USAGE})`)
}

/** `--port` text as a port (DEFAULT_PORT when absent); `fail` words the USAGE error. */
export function parsePort(
  text: string | undefined,
  fail: (message: string) => MirrorError,
): number {
  if (text === undefined) return DEFAULT_PORT
  if (!/^\d+$/.test(text) || Number(text) > 65535) {
    throw fail(`--port must be a number from 0 to 65535, not ${text}`)
  }
  return Number(text)
}

/** `--static-dir` taken from `cwd`, else the built renderer. */
export function resolveStaticDir(flag: string | undefined, cwd: string): string {
  return flag ? path.resolve(cwd, flag) : DEFAULT_STATIC_DIR
}

/** `--flag value` and `--flag=value`; unknown flags and stray words are usage errors. */
export function parseServeArgs(
  argv: readonly string[],
  io: Pick<ServeIo, 'env' | 'cwd'>,
): ServeArgs {
  const values = new Map<string, string>()
  const known = new Set(['port', 'data-dir', 'storage', 'database-url', 'static-dir'])
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg)
    if (!match?.[1] || !known.has(match[1])) throw usage(`Unknown argument ${arg}`)
    const value = match[2] ?? argv[++i]
    if (value === undefined || value === '') throw usage(`--${match[1]} needs a value`)
    values.set(match[1], value)
  }

  const port = parsePort(values.get('port'), usage)
  const storage = values.get('storage')
  if (
    storage !== undefined &&
    storage !== 'sqlite' &&
    storage !== 'json' &&
    storage !== 'postgres'
  ) {
    throw usage(`--storage must be sqlite, json or postgres, not ${storage}`)
  }
  return {
    port,
    dataDir: resolveDataDir(values.get('data-dir'), io),
    storage,
    databaseUrl: values.get('database-url'),
    staticDir: resolveStaticDir(values.get('static-dir'), io.cwd),
  }
}

/**
 * Starts the browser host, prints the one line, and serves until `stop` settles. Shared by
 * `npm run serve` and `amos serve`. Returns the exit code; never throws.
 */
export async function serveUntilStopped(
  args: ServeArgs,
  io: Pick<ServeIo, 'stdout' | 'stderr'>,
  stop: Promise<unknown>,
): Promise<number> {
  if (!existsSync(path.join(args.staticDir, 'index.html'))) {
    io.stderr.write(
      `The renderer is not built yet: run \`npm run build:web\` (looked in ${args.staticDir}).\n`,
    )
  }
  try {
    const host = await startBrowserHost({
      dataDir: args.dataDir,
      storage: args.storage,
      databaseUrl: args.databaseUrl,
      port: args.port,
      staticDir: args.staticDir,
    })
    io.stdout.write(`${runningLine(host)}\n`)
    await stop
    await host.close()
    return 0
  } catch (error) {
    const line = isMirrorError(error)
      ? `${error.code}: ${error.message}`
      : `INTERNAL: ${String(error)}`
    io.stderr.write(`${line}\n`)
    return 1
  }
}

/** `npm run serve -- …`: parses the arguments, then serves until `stop`. */
export async function runServe(
  argv: readonly string[],
  io: ServeIo,
  stop: Promise<unknown>,
): Promise<number> {
  let args: ServeArgs
  try {
    args = parseServeArgs(argv, io)
  } catch (error) {
    io.stderr.write(`${isMirrorError(error) ? `${error.code}: ${error.message}` : String(error)}\n`)
    return 2
  }
  return serveUntilStopped(args, io, stop)
}

/** Resolves on the first SIGINT or SIGTERM. */
export function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'))
    process.once('SIGTERM', () => resolve('SIGTERM'))
  })
}

const entry = process.argv[1]
if (entry && import.meta.url === pathToFileURL(path.resolve(entry)).href) {
  const io: ServeIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  }
  process.exitCode = await runServe(process.argv.slice(2), io, stopSignal())
}
