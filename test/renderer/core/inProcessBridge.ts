import type { MirrorBridge } from '../../../src/shared/bridge'
import type { EventName, EventPayload } from '../../../src/shared/events'
import { parseEvent } from '../../../src/shared/events'
import type { Result } from '../../../src/shared/result'
import type { RouteInput, RouteName, RouteOutput } from '../../../src/shared/routes'
import { forwardBroadcasts } from '../../../src/main/ipc/broadcasts'
import { createHandlers } from '../../../src/main/ipc/handlers'
import { createDeferredEmitter } from '../../../src/main/ipc/requestContext'
import type { EventSink } from '../../../src/main/ipc/requestContext'
import { createRouter } from '../../../src/main/ipc/router'
import type { Mirror } from '../../../src/main/mirrorApi'

type Listener = (payload: unknown) => void

/** What crosses a process boundary: plain data only (the WebSocket host sends JSON). */
function wire<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T)
}

/**
 * The renderer's MirrorBridge over the real router and handlers of a real mirror, in this
 * process: inputs are parsed by the route table, outputs and events are checked against the
 * contract, and events are held until the answer is out, like the hosts do.
 */
export class InProcessBridge implements MirrorBridge {
  /** Errors that reached the renderer only as INTERNAL: a test fails on any of them. */
  readonly internalErrors: Array<{ route: RouteName; error: unknown }> = []
  private readonly listeners = new Map<string, Set<Listener>>()
  private readonly closeCallbacks = new Set<() => void>()
  private readonly router
  private readonly offBroadcasts: () => void

  constructor(mirror: Mirror) {
    this.router = createRouter<'renderer'>({
      handlers: createHandlers(mirror, { host: 'browser', version: '0.0.0-test' }),
      isTrustedSender: (sender) => sender === 'renderer',
      validateOutput: true,
      onInternalError: (route, error) => this.internalErrors.push({ route, error }),
    })
    this.offBroadcasts = forwardBroadcasts(mirror, this.deliver)
  }

  /** Delivers an event from main to this window's listeners, checked against the contract. */
  readonly deliver: EventSink = (event, payload) => {
    const checked = parseEvent(event, wire(payload))
    for (const listener of this.listeners.get(event) ?? []) listener(checked)
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set<Listener>()
    this.listeners.set(event, set)
    set.add(listener as Listener)
    return () => set.delete(listener as Listener)
  }

  async request<K extends RouteName>(
    route: K,
    input: RouteInput<K>,
  ): Promise<Result<RouteOutput<K>>> {
    const emitter = createDeferredEmitter(this.deliver)
    const ctx = {
      ...emitter,
      onClose: (callback: () => void) => void this.closeCallbacks.add(callback),
    }
    const result = await this.router.dispatch('renderer', route, wire(input), ctx)
    // Like a socket: the answer is handled first, the request's events arrive after it.
    setTimeout(() => emitter.open(), 0)
    return wire(result) as Result<RouteOutput<K>>
  }

  /** The window went away: what it owned (uploads, streams) is released, as on a socket close. */
  close(): void {
    this.offBroadcasts()
    for (const callback of this.closeCallbacks) callback()
    this.closeCallbacks.clear()
    this.listeners.clear()
  }
}
