import path from 'node:path'
import type { CoreClient } from '../core/coreClient'
import { startCoreClient } from '../core/coreClient'
import type { CoreConfig } from '../core/coreFrames'
import { startupStorage } from '../historySetup'
import { withStorageSwitch } from './storageSwitch'
import type { EventSink } from '../ipc/requestContext'
import { packageRoot, packageVersion } from '../packageRoot'
import type { StorageKind } from '../mirrorApi'
import type { RunningHost as RunningServer } from './hostServer'
import { startHostServer } from './hostServer'

/** Where `npm run build:web` puts the renderer. */
export const DEFAULT_STATIC_DIR = path.join(packageRoot(), 'out/renderer')

export const DEFAULT_PORT = 7377

export interface RunningHost extends RunningServer {
  /** The core's worker (tests end it to check a restart; the bench imports through it). */
  core: Pick<CoreClient, 'kill' | 'threadId' | 'command'>
}

export interface BrowserHostOptions {
  dataDir: string
  storage?: StorageKind
  /** The PostgreSQL server for `storage: 'postgres'` (default: env AMOS_DATABASE_URL). */
  databaseUrl?: string
  /** 0 picks a free port. */
  port: number
  /** A 127.x.x.x address; default 127.0.0.1. */
  host?: string
  staticDir?: string
  /** Check route outputs and events against the contract; default: contractChecksOn(process.env). */
  checkContract?: boolean
}

/**
 * `amos serve` checks every route output and event against the contract unless
 * NODE_ENV=production: development, tests and every e2e run catch a mismatch where it happens.
 */
export function contractChecksOn(env: Record<string, string | undefined>): boolean {
  return env.NODE_ENV !== 'production'
}

/** The line `npm run serve` and `amos serve` print (README.md, "Quick start"). */
export function runningLine(host: Pick<RunningServer, 'url'>): string {
  return `ActiveMirror running at ${host.url}`
}

/**
 * Browser mode: the same core and route table as the desktop app, over a loopback WebSocket.
 * The core runs in a worker thread; this thread serves the page and forwards frames, so a long
 * search or import never delays another tab's requests or the page's static files.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<RunningHost> {
  const checkContract = options.checkContract ?? contractChecksOn(process.env)
  let broadcast: EventSink = () => {}
  // Flags win; else what Settings → Storage saved; else the default (docs/storage.md).
  const start = await startupStorage({
    dataDir: options.dataDir,
    storage: options.storage,
    databaseUrl: options.databaseUrl,
  })
  let config: CoreConfig = {
    dataDir: options.dataDir,
    storage: start.storage,
    databaseUrl: start.databaseUrl,
    storageOverridden: start.overridden,
    host: 'browser',
    version: packageVersion(),
    validateOutput: checkContract,
  }
  const core = await startCoreClient({
    config,
    onRestarted: (reason) => broadcast('core.restarted', { reason }),
    onGaveUp: (reason) => broadcast('core.stopped', { reason }),
  })
  let server: RunningServer
  try {
    server = await startHostServer({
      core: withStorageSwitch(core, {
        dataDir: options.dataDir,
        config: () => config,
        restartOn: async (next) => {
          await core.restartOn(next)
          config = next
        },
      }),
      port: options.port,
      host: options.host,
      staticDir: options.staticDir ?? DEFAULT_STATIC_DIR,
      subscribe: (sink) => {
        broadcast = sink
        return core.onBroadcast(sink)
      },
      validateOutput: checkContract,
      onEventViolation: (error) => console.error('Event not sent:', error),
    })
  } catch (error) {
    await core.close()
    throw error
  }
  return {
    ...server,
    core,
    async close() {
      await server.close()
      await core.close()
    },
  }
}
