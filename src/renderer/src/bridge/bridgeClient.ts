import type { MirrorBridge } from '../../../shared/bridge'
import type { ErrorInfo } from '../../../shared/errors'
import type { Result } from '../../../shared/result'
import type { RouteInput, RouteName, RouteOutput } from '../../../shared/routes'
import { hostSocketUrl, takeToken } from './token'
import type { ConnectionState, EventCheck, SocketLike } from './wsBridge'
import { WebSocketBridge } from './wsBridge'

let current: MirrorBridge | null = null

/**
 * Development builds and tests check every event against the events table. The check is loaded
 * with a dynamic import so production bundles leave the schemas (and zod) out; it is local and
 * loads long before the first event, which until then passes unchecked.
 */
function devEventCheck(): EventCheck | undefined {
  if (!import.meta.env.DEV) return undefined
  let check: EventCheck | undefined
  void import('./eventCheck').then((module) => (check = module.eventChecker()))
  return (event, payload) => (check ? check(event, payload) : { payload })
}

/** Electron's preload bridge with `check` run on every event its listeners receive. */
export function withEventCheck(bridge: MirrorBridge, check: EventCheck): MirrorBridge {
  return {
    request: (route, input) => bridge.request(route, input),
    on: (event, listener) =>
      bridge.on(event, (payload) => {
        const checked = check(event, payload)
        if (checked) listener(checked.payload as typeof payload)
      }),
  }
}

function createDefaultBridge(): MirrorBridge {
  const checkEvent = devEventCheck()
  const preload = (window as Window & { mirror?: MirrorBridge }).mirror
  if (preload) return checkEvent ? withEventCheck(preload, checkEvent) : preload
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
    checkEvent,
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
