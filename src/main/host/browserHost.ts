import path from 'node:path'
import { forwardBroadcasts } from '../ipc/broadcasts'
import { createHandlers } from '../ipc/handlers'
import { createMirror } from '../mirror'
import { packageRoot, packageVersion } from '../packageRoot'
import type { StorageKind } from '../mirrorApi'
import type { RunningHost } from './hostServer'
import { startHostServer } from './hostServer'

/** Where `npm run build:web` puts the renderer. */
export const DEFAULT_STATIC_DIR = path.join(packageRoot(), 'out/renderer')

export const DEFAULT_PORT = 7377

export interface BrowserHostOptions {
  dataDir: string
  storage?: StorageKind
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

/** The line `npm run serve` and `amos serve` print (DESIGN.md §6). */
export function runningLine(host: Pick<RunningHost, 'url'>): string {
  return `ActiveMirror running at ${host.url}`
}

/** Browser mode: the same core and route table as the desktop app, over a loopback WebSocket. */
export async function startBrowserHost(options: BrowserHostOptions): Promise<RunningHost> {
  const mirror = await createMirror({ dataDir: options.dataDir, storage: options.storage })
  let server: RunningHost
  try {
    server = await startHostServer({
      handlers: createHandlers(mirror, { host: 'browser', version: packageVersion() }),
      port: options.port,
      host: options.host,
      staticDir: options.staticDir ?? DEFAULT_STATIC_DIR,
      subscribe: (sink) => forwardBroadcasts(mirror, sink),
      validateOutput: options.checkContract ?? contractChecksOn(process.env),
      onInternalError: (route, error) => {
        // The client only gets INTERNAL; the details belong in the user's own terminal.
        console.error(`INTERNAL error in ${route}:`, error)
      },
      onEventViolation: (error) => console.error('Event not sent:', error),
    })
  } catch (error) {
    await mirror.close()
    throw error
  }
  return {
    ...server,
    async close() {
      await server.close()
      await mirror.close()
    },
  }
}
