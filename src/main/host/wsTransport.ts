import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { WebSocket } from 'ws'
import { WebSocketServer } from 'ws'
import type { EventName } from '../../shared/events'
import type { EventFrame, FrameId, ResponseFrame } from '../../shared/hostSocket'
import {
  CLOSE_BAD_TOKEN,
  CLOSE_GOING_AWAY,
  MAX_FRAME_BYTES,
  WS_PATH,
} from '../../shared/hostSocket'
import type { Result } from '../../shared/result'
import { INTERNAL_MESSAGE } from '../ipc/errorInfo'
import type { EventGuard } from '../ipc/eventCheck'
import { uncheckedEvents } from '../ipc/eventCheck'
import { createDeferredEmitter } from '../ipc/requestContext'
import type { RequestContext } from '../ipc/requestContext'
import type { Router } from '../ipc/router'
import { isAllowedHost, isAllowedOrigin, tokenMatches } from './requestChecks'
import { parseFrame } from './wsProtocol'

/** The router's sender for the browser host: a socket that presented the token. */
export interface SocketSender {
  readonly authenticated: boolean
  readonly socket: WebSocket
}

/** The sender guard for sockets: only an authenticated, open socket may call the router. */
export function isAuthenticatedSocket(sender: SocketSender): boolean {
  return sender.authenticated && sender.socket.readyState === sender.socket.OPEN
}

export interface WsTransportOptions {
  router: Router<SocketSender>
  token: string
  bindHost: string
  port(): number
  /** Wraps the sinks events leave through (a schema check in development and tests). */
  eventGuard?: EventGuard
}

function refuse(socket: Duplex, status: 403 | 404): void {
  const text = status === 403 ? 'Forbidden' : 'Not Found'
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
}

function send(socket: WebSocket, frame: ResponseFrame | EventFrame): void {
  if (socket.readyState !== socket.OPEN) return
  let text: string
  try {
    text = JSON.stringify(frame)
  } catch {
    if (!('id' in frame)) return
    const result: Result<unknown> = {
      ok: false,
      error: { code: 'INTERNAL', message: INTERNAL_MESSAGE },
    }
    text = JSON.stringify({ id: frame.id, result })
  }
  socket.send(text)
}

function failure(id: FrameId | null, message: string): ResponseFrame {
  return { id, result: { ok: false, error: { code: 'VALIDATION_FAILED', message } } }
}

/**
 * The router over WebSockets. Upgrades are checked before the handshake (path, Host, Origin →
 * HTTP 403/404); the token after it, so the page can tell a wrong token (close 4401) from a
 * host that is down and stop reconnecting.
 */
export function createWsTransport(options: WsTransportOptions) {
  // ws reads a frame's length from its header: a bigger frame is refused with close 1009
  // (CLOSE_FRAME_TOO_LARGE) before its body is buffered, parsed or validated.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    perMessageDeflate: false,
  })
  /** Sockets that presented the token: the only ones broadcasts reach. */
  const served = new Set<WebSocket>()
  const guard = options.eventGuard ?? uncheckedEvents

  function serve(socket: WebSocket): void {
    const sender: SocketSender = { authenticated: true, socket }
    const onClose = new Set<() => void>()
    served.add(socket)
    socket.on('close', () => {
      served.delete(socket)
      for (const callback of onClose) callback()
      onClose.clear()
    })
    socket.on('message', (data, isBinary) => {
      if (isBinary) {
        send(socket, failure(null, 'Malformed frame: expected JSON text.'))
        return
      }
      const parsed = parseFrame(data.toString())
      if (!parsed.ok) {
        send(socket, failure(parsed.id, parsed.message))
        return
      }
      const { id, route, input } = parsed.frame
      const emitter = createDeferredEmitter(
        guard((event, payload) => send(socket, { event, payload })),
      )
      const ctx = {
        ...emitter,
        origin: socket,
        onClose: (callback: () => void) => void onClose.add(callback),
      }
      void options.router.dispatch(sender, route, input, ctx).then((result) => {
        send(socket, { id, result })
        emitter.open()
      })
    })
    // A failing socket must never take the host down. When ws has already begun closing (an
    // oversize frame: close 1009), let that close frame reach the page; ws ends it after 30 s.
    socket.on('error', () => {
      if (socket.readyState !== socket.CLOSING) socket.terminate()
    })
  }

  function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy())
    const port = options.port()
    const url = new URL(request.url ?? '/', 'http://placeholder')
    if (url.pathname !== WS_PATH) return refuse(socket, 404)
    if (!isAllowedHost(request.headers.host, options.bindHost, port)) return refuse(socket, 403)
    if (!isAllowedOrigin(request.headers.origin, options.bindHost, port)) return refuse(socket, 403)
    const authenticated = tokenMatches(url.searchParams.get('token'), options.token)
    wss.handleUpgrade(request, socket, head, (ws) => {
      if (!authenticated) {
        ws.close(CLOSE_BAD_TOKEN, 'Missing or wrong token')
        return
      }
      serve(ws)
    })
  }

  async function close(): Promise<void> {
    for (const client of wss.clients) client.close(CLOSE_GOING_AWAY, 'Host shutting down')
    await new Promise<void>((done) => wss.close(() => done()))
    for (const client of wss.clients) client.terminate()
  }

  /** An event for every authenticated socket (e.g. vault.locked: all tabs must lock). */
  const broadcast = guard((event: EventName, payload: unknown, except?: RequestContext) => {
    for (const socket of served) {
      if (socket !== except?.origin) send(socket, { event, payload })
    }
  })

  return { handleUpgrade, close, broadcast }
}
