import http from 'node:http'
import https from 'node:https'
import type { Socket } from 'node:net'

export interface TransportTimeouts {
  /** TCP (and TLS) connection setup. */
  connectTimeoutMs: number
  /** Silence once connected: before the response headers and between body chunks. */
  idleTimeoutMs: number
}

export type TimeoutKind = 'connect' | 'idle'

/** What happened on the wire during one attempt; error classification reads it. */
export interface TransportState {
  timedOut: TimeoutKind | null
  responseStarted: boolean
}

export class TransportTimeoutError extends Error {
  readonly code = 'AMOS_TIMEOUT'
  constructor(
    readonly kind: TimeoutKind,
    readonly ms: number,
  ) {
    super(`${kind} timeout after ${ms} ms`)
    this.name = 'TransportTimeoutError'
  }
}

export class StreamCutError extends Error {
  readonly code = 'AMOS_STREAM_CUT'
  constructor(cause?: unknown) {
    super('the connection closed before the response was complete', { cause })
    this.name = 'StreamCutError'
  }
}

export type FetchFn = (input: string | URL | Request, init?: RequestInit) => Promise<Response>

export interface Transport {
  fetch: FetchFn
  state: TransportState
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304])

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason
  if (reason instanceof Error && reason.name === 'AbortError') return reason
  return new DOMException('The request was aborted.', 'AbortError')
}

function requestBody(body: RequestInit['body']): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined
  if (typeof body === 'string' || body instanceof Uint8Array) return body
  throw new TypeError('Only string and byte request bodies are supported.')
}

function toHeaders(raw: string[]): Headers {
  const headers = new Headers()
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!)
  return headers
}

/**
 * A `fetch` over node:http(s) with a real connect timeout and an idle timeout. Global fetch cannot
 * tell connecting from waiting, and a local model that is still loading can legitimately take a
 * long time before its first byte, so the two limits must be separate. One transport per attempt:
 * its `state` records which timeout fired and whether a response had started.
 */
export function createTransport(timeouts: TransportTimeouts): Transport {
  const state: TransportState = { timedOut: null, responseStarted: false }

  const fetch: FetchFn = (input, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input instanceof Request ? input.url : input)
      const signal = init.signal ?? undefined
      if (signal?.aborted) {
        reject(abortError(signal))
        return
      }
      const body = requestBody(init.body)
      const headers = Object.fromEntries(new Headers(init.headers))
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body))
      const lib = url.protocol === 'https:' ? https : http
      const req = lib.request(url, { method: init.method ?? 'GET', headers })

      let settled = false
      let streamController: ReadableStreamDefaultController<Uint8Array> | null = null
      // Starts before the DNS lookup, so a lookup that hangs counts too.
      const connectTimer = setTimeout(
        () => timeout('connect', timeouts.connectTimeoutMs),
        timeouts.connectTimeoutMs,
      )
      let idleTimer: NodeJS.Timeout | undefined

      const clearTimers = (): void => {
        clearTimeout(connectTimer)
        clearTimeout(idleTimer)
      }
      const cleanup = (): void => {
        clearTimers()
        signal?.removeEventListener('abort', onAbort)
      }
      const fail = (error: Error): void => {
        cleanup()
        if (!settled) {
          settled = true
          reject(error)
        } else if (streamController) {
          try {
            streamController.error(error)
          } catch {
            // The body was already closed or cancelled.
          }
          streamController = null
        }
      }
      const timeout = (kind: TimeoutKind, ms: number): void => {
        state.timedOut = kind
        const error = new TransportTimeoutError(kind, ms)
        fail(error)
        req.destroy(error)
      }
      const armIdle = (): void => {
        clearTimeout(idleTimer)
        idleTimer = setTimeout(
          () => timeout('idle', timeouts.idleTimeoutMs),
          timeouts.idleTimeoutMs,
        )
      }
      function onAbort(): void {
        const error = abortError(signal!)
        fail(error)
        req.destroy(error)
      }
      signal?.addEventListener('abort', onAbort, { once: true })

      req.on('socket', (socket: Socket) => {
        const connected = (): void => {
          clearTimeout(connectTimer)
          armIdle()
        }
        // A reused keep-alive socket is already connected and emits no connect event.
        if (!socket.connecting) connected()
        else socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', connected)
      })
      req.on('error', (error) =>
        fail(state.timedOut ? new TransportTimeoutError(state.timedOut, 0) : error),
      )
      req.on('response', (res) => {
        state.responseStarted = true
        armIdle()
        const status = res.statusCode ?? 0
        const responseHeaders = toHeaders(res.rawHeaders)
        const stream = NULL_BODY_STATUSES.has(status)
          ? null
          : new ReadableStream<Uint8Array>({
              start(controller) {
                streamController = controller
              },
              cancel() {
                streamController = null
                cleanup()
                req.destroy()
              },
            })
        res.on('data', (chunk: Buffer) => {
          armIdle()
          streamController?.enqueue(new Uint8Array(chunk))
        })
        res.on('end', () => {
          cleanup()
          streamController?.close()
          streamController = null
        })
        res.on('close', () => {
          if (!res.complete && streamController) fail(new StreamCutError())
        })
        res.on('error', (error) => {
          if (state.timedOut) return
          fail(new StreamCutError(error))
        })
        settled = true
        resolve(
          new Response(stream, {
            status,
            statusText: res.statusMessage ?? '',
            headers: responseHeaders,
          }),
        )
        if (!stream) {
          res.resume()
          cleanup()
        }
      })
      req.end(body)
    })

  return { fetch, state }
}
