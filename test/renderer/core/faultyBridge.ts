import type { MirrorBridge } from '../../../src/shared/bridge'
import type { ErrorInfo } from '../../../src/shared/errors'
import type { EventName, EventPayload } from '../../../src/shared/events'
import type { Result } from '../../../src/shared/result'
import type { RouteInput, RouteName, RouteOutput } from '../../../src/shared/routes'
import type { InProcessBridge } from './inProcessBridge'

/** What the WebSocket bridge answers while the host is gone (src/renderer/src/bridge/wsBridge.ts). */
const DISCONNECTED: ErrorInfo = {
  code: 'BRIDGE_DISCONNECTED',
  message: 'The connection to ActiveMirror was lost.',
}

/**
 * Fault injection around the in-process bridge, and nothing else: a route that fails with a
 * given error, an answer held back until released, a lost connection. Every call is logged.
 */
export class FaultyBridge implements MirrorBridge {
  readonly calls: Array<{ route: RouteName; input: unknown }> = []
  private readonly failures = new Map<RouteName, ErrorInfo>()
  private readonly holds = new Map<RouteName, Promise<void>>()
  private readonly lateAnswers = new Map<RouteName, Promise<void>>()
  private disconnected = false
  /** Events held back (a slow link): delivered in order when released. */
  private readonly heldEvents = new Map<EventName, Array<() => void>>()

  constructor(readonly inner: InProcessBridge) {}

  /** `route` answers with this error (without reaching main) until `succeed(route)`. */
  fail(route: RouteName, error: ErrorInfo): void {
    this.failures.set(route, error)
  }

  succeed(route: RouteName): void {
    this.failures.delete(route)
  }

  /** Holds the next call to `route` before it reaches main, until the returned function runs. */
  hold(route: RouteName): () => void {
    let release = () => {}
    this.holds.set(route, new Promise<void>((resolve) => (release = resolve)))
    return () => release()
  }

  /**
   * Lets the next call to `route` reach main at once but holds its answer back until the
   * returned function runs: the request's events may then arrive before its answer.
   */
  delayAnswer(route: RouteName): () => void {
    let release = () => {}
    this.lateAnswers.set(route, new Promise<void>((resolve) => (release = resolve)))
    return () => release()
  }

  /** Holds every `event` from main until the returned function runs, then delivers them in order. */
  holdEvent(event: EventName): () => void {
    this.heldEvents.set(event, [])
    return () => {
      const queued = this.heldEvents.get(event) ?? []
      this.heldEvents.delete(event)
      for (const deliver of queued) deliver()
    }
  }

  /** Every later request fails with BRIDGE_DISCONNECTED and no event arrives, until `reconnect`. */
  disconnect(): void {
    this.disconnected = true
  }

  reconnect(): void {
    this.disconnected = false
  }

  /** An event main sends on its own (a menu, another window), checked against the contract. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    if (!this.disconnected) this.inner.deliver(event, payload)
  }

  callsTo(route: RouteName): unknown[] {
    return this.calls.filter((c) => c.route === route).map((c) => c.input)
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.inner.on(event, (payload) => {
      if (this.disconnected) return
      const queue = this.heldEvents.get(event)
      if (queue) queue.push(() => listener(payload))
      else listener(payload)
    })
  }

  async request<K extends RouteName>(
    route: K,
    input: RouteInput<K>,
  ): Promise<Result<RouteOutput<K>>> {
    this.calls.push({ route, input })
    const held = this.holds.get(route)
    this.holds.delete(route)
    await held
    if (this.disconnected) return { ok: false, error: DISCONNECTED }
    const failure = this.failures.get(route)
    if (failure) return { ok: false, error: failure }
    const late = this.lateAnswers.get(route)
    this.lateAnswers.delete(route)
    const result = await this.inner.request(route, input)
    await late
    return result
  }
}
