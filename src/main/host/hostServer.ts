import { randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { MirrorError } from '../../shared/errors'
import { buildCsp, securityHeaders } from './csp'
import { checkedEvents } from '../ipc/eventCheck'
import type { Handlers } from '../ipc/handlers'
import type { EventSink } from '../ipc/requestContext'
import type { Dispatcher } from '../ipc/router'
import { createRouter } from '../ipc/router'
import { guardedRouter } from '../ipc/guardedRouter'
import { isAllowedHost, isLoopbackIPv4 } from './requestChecks'
import { existingFile, mimeTypeOf, resolveStaticPath } from './staticFiles'
import { createWsTransport, isAuthenticatedSocket } from './wsTransport'

export interface HostServerOptions {
  /** Where requests go: the core's worker (startBrowserHost). */
  core?: Dispatcher
  /** Or handlers run on this thread (tests of the host itself). One of the two is required. */
  handlers?: Handlers
  /** 0 picks a free port. */
  port: number
  /** A 127.x.x.x address; anything else is refused. Default 127.0.0.1. */
  host?: string
  /** The built renderer (index.html + assets). */
  staticDir: string
  /** For tests; normally a fresh random token per start. */
  token?: string
  /** Check route outputs and events against the contract (development, tests, e2e). */
  validateOutput?: boolean
  /** Where an event that fails its schema is reported (it is dropped); default console.error. */
  onEventViolation?(error: Error): void
  onInternalError?(route: string, error: unknown): void
  /** Events for every connected socket: called once with a sink; returns an unsubscribe. */
  subscribe?(sink: EventSink): () => void
}

export interface RunningHost {
  /** `http://127.0.0.1:<port>/#token=<token>`: the page reads the token from the fragment. */
  url: string
  port: number
  token: string
  close(): Promise<void>
}

/** 32 random bytes, base64url: unguessable, and safe in a URL fragment and query. */
export function createToken(): string {
  return randomBytes(32).toString('base64url')
}

function plain(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string>,
): void {
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  })
  res.end(text)
}

function hostCore(options: HostServerOptions): Dispatcher {
  if (options.core) return options.core
  if (!options.handlers) throw new Error('startHostServer needs `core` or `handlers`.')
  const router = createRouter<null>({
    handlers: options.handlers,
    isTrustedSender: () => true,
    validateOutput: options.validateOutput,
    onInternalError: options.onInternalError,
  })
  return { dispatch: (route, input, ctx) => router.dispatch(null, route, input, ctx) }
}

/** The router over a loopback WebSocket plus the static renderer, on one port. */
export async function startHostServer(options: HostServerOptions): Promise<RunningHost> {
  const bindHost = options.host ?? '127.0.0.1'
  if (!isLoopbackIPv4(bindHost)) {
    throw new MirrorError(
      'USAGE',
      `The browser host only binds to a loopback address, not ${bindHost}.`,
    )
  }
  const token = options.token ?? createToken()
  let port = options.port
  const router = guardedRouter(hostCore(options), isAuthenticatedSocket)
  const eventGuard = options.validateOutput
    ? checkedEvents(options.onEventViolation ?? ((error) => console.error(error)))
    : undefined
  const transport = createWsTransport({ router, token, bindHost, port: () => port, eventGuard })
  const unsubscribe = options.subscribe?.(transport.broadcast) ?? (() => {})

  // Set once the port is known; no request arrives before `listen` has called back.
  let headers: Record<string, string> = {}
  const indexPath = resolveStaticPath(options.staticDir, '/')
  const faviconPath = resolveStaticPath(options.staticDir, '/favicon.ico')
  const server = createServer((req, res) => void serveStatic(req, res))

  async function serveStatic(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedHost(req.headers.host, bindHost, port))
      return plain(res, 403, 'Forbidden', headers)
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return plain(res, 405, 'Method not allowed', { ...headers, Allow: 'GET, HEAD' })
    }
    const target = resolveStaticPath(options.staticDir, req.url ?? '/')
    if (target === null) return plain(res, 403, 'Forbidden', headers)
    const file = await existingFile(target)
    if (file === null && target === faviconPath) {
      // Browsers ask for it unprompted; an empty answer keeps their consoles free of 404s.
      res.writeHead(204, headers)
      return void res.end()
    }
    if (file === null) {
      const isIndex = target === indexPath
      const text = isIndex
        ? 'The renderer is not built yet. Run `npm run build:web`, then reload.'
        : 'Not found'
      return plain(res, isIndex ? 503 : 404, text, headers)
    }
    res.writeHead(200, {
      ...headers,
      'Content-Type': mimeTypeOf(file),
      'Cache-Control': 'no-cache',
    })
    if (req.method === 'HEAD') return void res.end()
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res)
  }

  server.on('upgrade', (req, socket, head) => transport.handleUpgrade(req, socket, head))
  server.on('clientError', (_error, socket) => socket.destroy())

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, bindHost, () => {
      server.off('error', reject)
      resolve()
    })
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') {
      throw new MirrorError(
        'USAGE',
        `Port ${options.port} is already in use; pick another with --port.`,
      )
    }
    throw error
  })
  port = (server.address() as AddressInfo).port
  headers = securityHeaders(buildCsp({ mode: 'browser', port }))

  return {
    url: `http://${bindHost}:${port}/#token=${token}`,
    port,
    token,
    async close() {
      unsubscribe()
      await transport.close()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
}
