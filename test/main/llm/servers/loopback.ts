import http from 'node:http'
import https from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import type { Wire } from './wires'

export interface RecordedRequest {
  method: string
  path: string
  headers: http.IncomingHttpHeaders
  body: unknown
  /** Resolves when the client closed the connection before the response was finished. */
  clientGone: Promise<void>
  /** True once the client went away before the response ended. */
  clientClosedEarly: boolean
}

/** What the server does with one request. Requests take replies in order; the last one repeats. */
export type Reply =
  | {
      type: 'stream'
      texts: string[]
      usage?: { input: number; output: number }
      /** Pause between frames, so each arrives in its own TCP read. */
      gapMs?: number
      /** Destroy the socket after this many text frames. */
      cutAfter?: number
      /** Stop sending (but keep the connection open) after this many text frames. */
      stallAfter?: number
      /** Anthropic: send `event: error` of this type after the text frames. */
      streamError?: string
    }
  | {
      type: 'status'
      status: number
      headers?: Record<string, string>
      message: string
      errorType?: string
    }
  | { type: 'json'; body: unknown }
  /** Read the request, never answer. */
  | { type: 'hang' }

export interface LoopbackServer {
  url: string
  port: number
  requests: RecordedRequest[]
  /** Connections accepted so far, and those still open. */
  connections(): { accepted: number; open: number }
  setReplies(replies: Reply[]): void
  close(): Promise<void>
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** An HTTP(S) server on 127.0.0.1 (random port) that speaks one provider's wire format. */
export async function startLoopback(
  wire: Wire,
  replies: Reply[] = [],
  /** `host`: another address of this machine to listen on (default 127.0.0.1). */
  options: { tls?: { cert: string; key: string }; host?: string } = {},
): Promise<LoopbackServer> {
  let queue = [...replies]
  const requests: RecordedRequest[] = []
  const sockets = new Set<Socket>()
  let accepted = 0

  const handle = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      let body: unknown = text
      try {
        body = text ? JSON.parse(text) : null
      } catch {
        // Keep the raw text.
      }
      let markGone = (): void => undefined
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
        clientGone: new Promise<void>((resolve) => (markGone = resolve)),
        clientClosedEarly: false,
      }
      requests.push(recorded)
      res.on('close', () => {
        if (!res.writableFinished) {
          recorded.clientClosedEarly = true
          markGone()
        }
      })
      const reply = queue.length > 1 ? queue.shift()! : queue[0]
      if (!reply) {
        res.writeHead(500).end('no reply configured')
        return
      }
      void respond(wire, reply, recorded, res)
    })
  }
  const server = options.tls ? https.createServer(options.tls, handle) : http.createServer(handle)
  // A TLS server's 'connection' is the raw TCP socket, accepted before the handshake.
  server.on('connection', (socket: Socket) => {
    accepted++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  const port = (server.address() as AddressInfo).port
  const shownHost = host.includes(':') ? `[${host}]` : host
  return {
    url: `${options.tls ? 'https' : 'http'}://${shownHost}:${port}`,
    port,
    requests,
    connections: () => ({ accepted, open: sockets.size }),
    setReplies(next) {
      queue = [...next]
    },
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

async function respond(
  wire: Wire,
  reply: Reply,
  request: RecordedRequest,
  res: http.ServerResponse,
): Promise<void> {
  if (reply.type === 'hang') return
  if (reply.type === 'json') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body))
    return
  }
  if (reply.type === 'status') {
    const { body, contentType } = wire.errorBody(reply.status, reply.message, reply.errorType)
    res.writeHead(reply.status, { 'content-type': contentType, ...reply.headers }).end(body)
    return
  }
  const frames = wire.streamFrames(reply.texts, reply.usage, request.body)
  res.writeHead(200, { 'content-type': wire.streamContentType, 'cache-control': 'no-cache' })
  res.flushHeaders()
  let textFramesSent = 0
  for (const frame of frames) {
    if (res.destroyed) return
    if (frame.text) {
      if (reply.cutAfter !== undefined && textFramesSent >= reply.cutAfter) {
        res.socket?.destroy()
        return
      }
      if (reply.stallAfter !== undefined && textFramesSent >= reply.stallAfter) return
      textFramesSent++
    }
    if (frame.beforeEnd && reply.streamError) {
      res.write(wire.streamErrorFrame(reply.streamError))
      res.end()
      return
    }
    res.write(frame.data)
    if (frame.text) await sleep(reply.gapMs ?? 25)
  }
  res.end()
}
