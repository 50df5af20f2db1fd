import type { MirrorBridge } from '../../../shared/bridge'
import type { ErrorInfo } from '../../../shared/errors'
import {
  CLOSE_BAD_TOKEN,
  CLOSE_FORBIDDEN,
  CLOSE_FRAME_TOO_LARGE,
  CLOSE_NORMAL,
  MAX_FRAME_BYTES,
  fitsInFrame,
  readHostFrame,
} from '../../../shared/hostSocket'
import type { EventName, EventPayload } from '../../../shared/events'
import type { Result } from '../../../shared/result'
import type { RouteInput, RouteName, RouteOutput } from '../../../shared/routes'

/** The part of the WebSocket API the bridge uses: the browser's and `ws`'s both fit. */
export interface SocketLike {
  readonly readyState: number
  send(data: string): void
  close(code?: number, reason?: string): void
  onopen: ((event: unknown) => void) | null
  onclose: ((event: { code: number }) => void) | null
  onerror: ((event: unknown) => void) | null
  onmessage: ((event: { data: unknown }) => void) | null
}

/** `refused`: the host rejected the token; reconnecting cannot help until the page gets a new link. */
export type ConnectionState = 'connecting' | 'open' | 'closed' | 'refused' | 'disposed'

const REFUSED_CODES = new Set([CLOSE_BAD_TOKEN, CLOSE_FORBIDDEN])
const REFUSED_MESSAGE =
  'ActiveMirror refused this page. Open the link printed by `amos serve` again (it carries a new token).'
const TOO_LARGE_MESSAGE = `This request is too large to send to ActiveMirror in the browser (at most ${Math.floor(MAX_FRAME_BYTES / (1024 * 1024))} MB at once). Files are sent in pieces; this request is not a file.`

export interface WebSocketBridgeOptions {
  /** e.g. ws://127.0.0.1:4000/ws */
  url: string
  token: string
  createSocket: (url: string) => SocketLike
  /** How long a request made while disconnected waits for the connection to come back. */
  offlineTimeoutMs?: number
  initialBackoffMs?: number
  maxBackoffMs?: number
  /** Runs on each event before listeners see it (development and tests: the events table). */
  checkEvent?: EventCheck
}

/** The payload to hand to listeners, or `undefined` to drop an event that broke the contract. */
export type EventCheck = (event: string, payload: unknown) => { payload: unknown } | undefined

const unchecked: EventCheck = (_event, payload) => ({ payload })

const OPEN = 1

interface Pending {
  frame: string
  resolve: (result: Result<unknown>) => void
  sent: boolean
  timer: ReturnType<typeof setTimeout> | null
}

function disconnected(message: string): ErrorInfo {
  return { code: 'BRIDGE_DISCONNECTED', message }
}

const tooLarge: ErrorInfo = { code: 'REQUEST_TOO_LARGE', message: TOO_LARGE_MESSAGE }

/** The URL the socket opens: the token travels as a query parameter (browsers cannot set headers). */
export function socketUrl(url: string, token: string): string {
  const target = new URL(url)
  target.searchParams.set('token', token)
  return target.toString()
}

/**
 * The browser-mode bridge: the same request/on API as Electron's preload, over the browser
 * host's WebSocket. Reconnects with backoff when the host restarts; a request made while the
 * socket is down waits for it, and fails with BRIDGE_DISCONNECTED after `offlineTimeoutMs`.
 */
export class WebSocketBridge implements MirrorBridge {
  private socket: SocketLike | null = null
  private state: ConnectionState = 'connecting'
  private nextId = 1
  private attempts = 0
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null
  private readonly pending = new Map<number, Pending>()
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>()
  private readonly stateListeners = new Set<(state: ConnectionState) => void>()
  private readonly options: Required<WebSocketBridgeOptions>

  constructor(options: WebSocketBridgeOptions) {
    this.options = {
      offlineTimeoutMs: 15_000,
      initialBackoffMs: 250,
      maxBackoffMs: 5_000,
      ...options,
      checkEvent: options.checkEvent ?? unchecked,
    }
    this.connect()
  }

  get connectionState(): ConnectionState {
    return this.state
  }

  request<K extends RouteName>(route: K, input: RouteInput<K>): Promise<Result<RouteOutput<K>>> {
    if (this.state === 'disposed' || this.state === 'refused') {
      const message =
        this.state === 'refused' ? REFUSED_MESSAGE : 'The connection to ActiveMirror is closed.'
      return Promise.resolve({ ok: false, error: disconnected(message) })
    }
    const id = this.nextId++
    const frame = JSON.stringify({ id, route, input })
    // The host would close the socket on it (CLOSE_FRAME_TOO_LARGE); fail just this request.
    if (!fitsInFrame(frame)) return Promise.resolve({ ok: false, error: tooLarge })
    return new Promise<Result<unknown>>((resolve) => {
      const entry: Pending = { frame, resolve, sent: false, timer: null }
      this.pending.set(id, entry)
      if (this.state === 'open' && this.trySend(entry)) return
      entry.timer = setTimeout(() => {
        if (entry.sent) return
        this.pending.delete(id)
        resolve({
          ok: false,
          error: disconnected('ActiveMirror is not reachable. Is `amos serve` still running?'),
        })
      }, this.options.offlineTimeoutMs)
    }) as Promise<Result<RouteOutput<K>>>
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set()
    this.listeners.set(event, set)
    const wrapped = listener as (payload: unknown) => void
    set.add(wrapped)
    return () => {
      set.delete(wrapped)
    }
  }

  /** Connection changes, for the UI's "reconnecting…" notice. */
  onStateChange(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener)
    return () => {
      this.stateListeners.delete(listener)
    }
  }

  /** Stops reconnecting and fails everything still waiting. */
  dispose(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
    this.setState('disposed')
    this.failPending(() => true, 'The connection to ActiveMirror is closed.')
    const socket = this.socket
    this.socket = null
    socket?.close(CLOSE_NORMAL, 'closed by client')
  }

  private connect(): void {
    this.setState('connecting')
    let socket: SocketLike
    try {
      socket = this.options.createSocket(socketUrl(this.options.url, this.options.token))
    } catch {
      this.scheduleReconnect()
      return
    }
    this.socket = socket
    socket.onopen = () => {
      if (this.socket !== socket) return
      this.attempts = 0
      this.setState('open')
      for (const entry of this.pending.values()) if (!entry.sent) this.trySend(entry)
    }
    socket.onmessage = (event) => {
      if (this.socket === socket) this.receive(event.data)
    }
    socket.onerror = () => {
      // A close event always follows; reconnecting happens there.
    }
    socket.onclose = (event) => {
      if (this.socket !== socket) return
      this.socket = null
      if (REFUSED_CODES.has(event.code)) {
        this.setState('refused')
        this.failPending(() => true, REFUSED_MESSAGE)
        return
      }
      if (event.code === CLOSE_FRAME_TOO_LARGE) {
        // A backstop: requests are measured before sending, so host and page disagree on the limit.
        this.failPending((entry) => entry.sent, tooLarge.message, tooLarge.code)
      }
      // An answer to a request already sent can no longer arrive; the action may or may not have run.
      this.failPending(
        (entry) => entry.sent,
        'The connection to ActiveMirror was lost before it answered. Check the result, then try again.',
      )
      if (this.state === 'disposed') return
      this.setState('closed')
      this.scheduleReconnect()
    }
  }

  private scheduleReconnect(): void {
    if (this.state === 'disposed') return
    const { initialBackoffMs, maxBackoffMs } = this.options
    const base = Math.min(maxBackoffMs, initialBackoffMs * 2 ** this.attempts)
    this.attempts += 1
    // Jitter so several tabs do not hammer a restarting host in step.
    const delay = base / 2 + Math.random() * (base / 2)
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null
      this.connect()
    }, delay)
  }

  private trySend(entry: Pending): boolean {
    const socket = this.socket
    if (!socket || socket.readyState !== OPEN) return false
    try {
      socket.send(entry.frame)
    } catch {
      return false
    }
    entry.sent = true
    if (entry.timer) clearTimeout(entry.timer)
    entry.timer = null
    return true
  }

  private receive(raw: unknown): void {
    const frame = readHostFrame(raw)
    if (!frame) return
    if ('result' in frame) {
      if (typeof frame.id !== 'number') return
      const entry = this.pending.get(frame.id)
      if (!entry) return
      this.pending.delete(frame.id)
      entry.resolve(frame.result)
      return
    }
    const { event, payload } = frame
    const listeners = this.listeners.get(event)
    if (!listeners || listeners.size === 0) return
    const checked = this.options.checkEvent(event, payload)
    if (!checked) return
    for (const listener of listeners) {
      try {
        listener(checked.payload)
      } catch (error) {
        console.error(`Listener for ${event} failed`, error)
      }
    }
  }

  private failPending(
    match: (entry: Pending) => boolean,
    message: string,
    code: ErrorInfo['code'] = 'BRIDGE_DISCONNECTED',
  ): void {
    for (const [id, entry] of this.pending) {
      if (!match(entry)) continue
      this.pending.delete(id)
      if (entry.timer) clearTimeout(entry.timer)
      entry.resolve({ ok: false, error: { code, message } })
    }
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return
    this.state = state
    for (const listener of this.stateListeners) listener(state)
  }
}
