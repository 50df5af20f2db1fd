import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

/**
 * A throwaway PostgreSQL cluster of the machine's own server (Debian's `postgresql`): initdb in
 * a temporary folder, started with pg_ctl on a free port, reachable over 127.0.0.1 with trust
 * authentication. Used by the vitest global setup (test/helpers/postgresSetup.ts) and the
 * PostgreSQL benchmark. Never a mock: the tests talk to a real server.
 */
export interface PostgresCluster {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`: the superuser on the maintenance database. */
  url: string
  port: number
  dir: string
  /** `pg_ctl stop -m immediate` (a crash, as far as clients can tell). */
  kill(): void
  /** Starts the same cluster again on the same port. */
  start(): void
  /** Stops the server and removes its folder. */
  destroy(): void
}

const BIN_DIRS = [
  '/usr/lib/postgresql/17/bin',
  '/usr/lib/postgresql/16/bin',
  '/usr/lib/postgresql/15/bin',
]

/** The folder holding initdb and pg_ctl, or null when PostgreSQL is not installed. */
export function postgresBinDir(): string | null {
  const fromPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim()
  if (fromPath) return path.dirname(fs.realpathSync(fromPath))
  return BIN_DIRS.find((dir) => fs.existsSync(path.join(dir, 'initdb'))) ?? null
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** initdb refuses to run as root: run the server's tools as the `postgres` user then. */
function asServerUser(command: string, args: string[]): string[] {
  if (process.getuid?.() !== 0) return [command, ...args]
  return ['runuser', '-u', 'postgres', '--', command, ...args]
}

function run(command: string, args: string[]): void {
  const [file, ...rest] = asServerUser(command, args)
  execFileSync(file!, rest, { stdio: ['ignore', 'pipe', 'pipe'] })
}

export async function startPostgresCluster(binDir: string): Promise<PostgresCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amos-pg-'))
  fs.chmodSync(dir, 0o700)
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', dir])
  const data = path.join(dir, 'data')
  const port = await freePort()
  run(path.join(binDir, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '--encoding=UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
  ])
  // Speed over durability: the cluster lives for one test run. With fsync off, a crash of the
  // server process (pg_ctl -m immediate) still keeps every commit whose WAL was written: the
  // operating system does not crash.
  const settings = [
    `-p ${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-c unix_socket_directories='${dir}'`,
    '-c fsync=off',
    // As a careless server might be set: the app must turn it back on for its own commits.
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ')
  const pgCtl = path.join(binDir, 'pg_ctl')
  const logFile = path.join(dir, 'server.log')
  const start = (): void => run(pgCtl, ['-D', data, '-l', logFile, '-o', settings, '-w', 'start'])
  start()
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    kill: () => run(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']),
    start,
    destroy: () => {
      try {
        run(pgCtl, ['-D', data, '-m', 'fast', '-w', 'stop'])
      } catch {
        // Already stopped.
      }
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
