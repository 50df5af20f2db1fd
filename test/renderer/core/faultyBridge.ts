import type { MirrorBridge } from '../../../src/shared/bridge'
import type { ErrorInfo } from '../../../src/shared/errors'
import type { EventName, EventPayload } from '../../../src/shared/events'
import { parseEvent } from '../../../src/shared/events'
import type { Result } from '../../../src/shared/result'
import type { RouteInput, RouteName, RouteOutput } from '../../../src/shared/routes'
import type { InProcessBridge } from './inProcessBridge'
import { RESTARTED_MESSAGE, UNAVAILABLE_MESSAGE } from '../../../src/main/core/coreClient'

/** What the WebSocket bridge answers while the host is gone (src/renderer/src/bridge/wsBridge.ts). */
const DISCONNECTED: ErrorInfo = {
  code: 'BRIDGE_DISCONNECTED',
  message: 'The connection to ActiveMirror was lost.',
}

/** What the host answers when its core's worker stops (src/main/core/coreClient.ts). */
export const CORE_RESTARTED: ErrorInfo = { code: 'CORE_RESTARTED', message: RESTARTED_MESSAGE }
export const CORE_UNAVAILABLE: ErrorInfo = {
  code: 'CORE_UNAVAILABLE',
  message: UNAVAILABLE_MESSAGE,
}

type Listener = (payload: unknown) => void

/**
 * Fault injection around the in-process bridge, and nothing else: a route that fails with a
 * given error, an answer held back until released, a lost connection, a core that stops (its
 * requests in flight fail, its events end). It plays the host's thread: the core behind it can
 * be replaced, as the hosts restart a stopped worker. Every call is logged.
 */
export class FaultyBridge implements MirrorBridge {
  readonly calls: Array<{ route: RouteName; input: unknown }> = []
  private readonly failures = new Map<RouteName, ErrorInfo>()
  private readonly holds = new Map<RouteName, Promise<void>>()
  private readonly lateAnswers = new Map<RouteName, Promise<void>>()
  private disconnected = false
  /** Events held back (a slow link): delivered in order when released. */
  private readonly heldEvents = new Map<EventName, Array<() => void>>()
  private readonly listeners = new Map<EventName, Set<Listener>>()
  /** Unsubscribes from the current core's events, one per event name with listeners. */
  private readonly forwarders = new Map<EventName, () => void>()
  /** Requests the current core has not answered: a stopping core answers them with an error. */
  private readonly inFlight = new Set<(error: ErrorInfo) => void>()
  private coreStopped = false

  constructor(private inner: InProcessBridge) {}

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

  /**
   * The core's worker stopped: requests in flight fail with `error` and nothing it sends
   * (stream events, broadcasts) reaches the window any more. `restartedWith` or `gaveUp` follows.
   */
  coreCrashed(error: ErrorInfo): void {
    for (const off of this.forwarders.values()) off()
    this.forwarders.clear()
    for (const fail of this.inFlight) fail(error)
    this.inFlight.clear()
  }

  /** The host started a new core (`next`) and tells every window, as after a restart. */
  restartedWith(next: InProcessBridge, reason: string): void {
    this.inner = next
    for (const event of this.listeners.keys()) this.forward(event)
    this.hostEvent('core.restarted', { reason })
  }

  /** The host gave up restarting: every later request fails with CORE_UNAVAILABLE. */
  gaveUp(reason: string): void {
    this.coreStopped = true
    this.hostEvent('core.stopped', { reason })
  }

  /** An event from the host's own thread (not the core's), checked against the contract. */
  private hostEvent<E extends EventName>(event: E, payload: EventPayload<E>): void {
    if (this.disconnected) return
    const checked = parseEvent(event, JSON.parse(JSON.stringify(payload)))
    for (const listener of this.listeners.get(event) ?? []) listener(checked)
  }

  private forward(event: EventName): void {
    if (this.forwarders.has(event)) return
    const off = this.inner.on(event, (payload) => {
      for (const listener of this.listeners.get(event) ?? []) listener(payload)
    })
    this.forwarders.set(event, off)
  }

  callsTo(route: RouteName): unknown[] {
    return this.calls.filter((c) => c.route === route).map((c) => c.input)
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const wrapped: Listener = (payload) => {
      if (this.disconnected) return
      const queue = this.heldEvents.get(event)
      if (queue) queue.push(() => listener(payload as EventPayload<E>))
      else listener(payload as EventPayload<E>)
    }
    const set = this.listeners.get(event) ?? new Set<Listener>()
    this.listeners.set(event, set)
    set.add(wrapped)
    this.forward(event)
    return () => set.delete(wrapped)
  }

  async request<K extends RouteName>(
    route: K,
    input: RouteInput<K>,
  ): Promise<Result<RouteOutput<K>>> {
    this.calls.push({ route, input })
    let fail = (_error: ErrorInfo) => {}
    const cutOff = new Promise<Result<RouteOutput<K>>>((resolve) => {
      fail = (error) => resolve({ ok: false, error })
    })
    // Held or not, a request sent is in flight: a core that stops answers it with an error.
    this.inFlight.add(fail)
    try {
      return await Promise.race([this.answer(route, input), cutOff])
    } finally {
      this.inFlight.delete(fail)
    }
  }

  private async answer<K extends RouteName>(
    route: K,
    input: RouteInput<K>,
  ): Promise<Result<RouteOutput<K>>> {
    const held = this.holds.get(route)
    this.holds.delete(route)
    await held
    if (this.disconnected) return { ok: false, error: DISCONNECTED }
    if (this.coreStopped) return { ok: false, error: CORE_UNAVAILABLE }
    const failure = this.failures.get(route)
    if (failure) return { ok: false, error: failure }
    const late = this.lateAnswers.get(route)
    this.lateAnswers.delete(route)
    const result = await this.inner.request(route, input)
    await late
    return result
  }
}
