import type { EventName, EventPayload } from '../../shared/events'

/** What a handler gets besides its input: a way to reach the window or socket that asked. */
export interface RequestContext {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
  /** Desktop only: a native drag of a file out of the asking window (absent in browser mode). */
  startDrag?(file: string): void
  /** Runs `callback` once when the asking window or socket goes away (for what it owned). */
  onClose?(callback: () => void): void
  /** The window or socket that asked (a broadcast about its own write can skip it). */
  origin?: object
}

/** `except`: the request whose window or socket should not get this event (it made the change). */
export type EventSink = (event: EventName, payload: unknown, except?: RequestContext) => void

/**
 * An emitter that holds a request's events until `open()`: the transport opens it once the
 * response has been sent, so a client never sees `chat.delta` for a request it has no id for yet.
 */
export function createDeferredEmitter(sink: EventSink): RequestContext & { open(): void } {
  let queue: Array<[EventName, unknown]> | null = []
  return {
    emit(event, payload) {
      if (queue) queue.push([event, payload])
      else sink(event, payload)
    },
    open() {
      const pending = queue ?? []
      queue = null
      for (const [event, payload] of pending) sink(event, payload)
    },
  }
}
