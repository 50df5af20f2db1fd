import type { EventName, EventPayload } from './events'
import type { Result } from './result'
import type { RouteInput, RouteName, RouteOutput } from './routes'

/**
 * What preload exposes as `window.mirror` (Electron) and what the browser host's WebSocket
 * client implements: one request function and one event subscription, nothing else.
 */
export interface MirrorBridge {
  request<K extends RouteName>(route: K, input: RouteInput<K>): Promise<Result<RouteOutput<K>>>
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}

/** Channel names used by the Electron transport. */
export const IPC_INVOKE_CHANNEL = 'mirror:request'
export const IPC_EVENT_CHANNEL = 'mirror:event'
