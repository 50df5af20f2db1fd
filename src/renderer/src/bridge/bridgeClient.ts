import type { MirrorBridge } from '../../../shared/bridge'
import type { ErrorInfo } from '../../../shared/errors'
import type { Result } from '../../../shared/result'
import type { RouteInput, RouteName, RouteOutput } from '../../../shared/routes'
import { hostSocketUrl, takeToken } from './token'
import type { ConnectionState, SocketLike } from './wsBridge'
import { WebSocketBridge } from './wsBridge'

let current: MirrorBridge | null = null

function createDefaultBridge(): MirrorBridge {
  const preload = (window as Window & { mirror?: MirrorBridge }).mirror
  if (preload) return preload
  const token = takeToken({
    location: window.location,
    storage: window.sessionStorage,
    history: window.history,
  })
  return new WebSocketBridge({
    url: hostSocketUrl(window.location),
    token: token ?? '',
    // The DOM's handler types are stricter than the part SocketLike describes; the shapes match.
    createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
  })
}

/** Electron's preload bridge when present, else the browser host's WebSocket. */
export function getBridge(): MirrorBridge {
  current ??= createDefaultBridge()
  return current
}

/** Tests (and nothing else) install their own bridge. */
export function setBridge(bridge: MirrorBridge | null): void {
  current = bridge
}

/** Electron's bridge is always connected; the WebSocket one reports its state. */
export function onConnectionChange(listener: (state: ConnectionState) => void): () => void {
  const bridge = getBridge()
  return bridge instanceof WebSocketBridge ? bridge.onStateChange(listener) : () => {}
}

function toErrorInfo(error: unknown): ErrorInfo {
  const message = error instanceof Error ? error.message : String(error)
  return { code: 'INTERNAL', message: message || 'Something went wrong.' }
}

/** A request that never throws: a transport failure becomes an `{ ok: false }` result too. */
export async function request<K extends RouteName>(
  route: K,
  input: RouteInput<K>,
): Promise<Result<RouteOutput<K>>> {
  try {
    return await getBridge().request(route, input)
  } catch (error) {
    return { ok: false, error: toErrorInfo(error) }
  }
}
