import { parseEvent } from '../../shared/events'
import type { EventSink } from './requestContext'

/** Wraps every sink a host sends events through; the identity when checks are off. */
export type EventGuard = (sink: EventSink) => EventSink

export const uncheckedEvents: EventGuard = (sink) => sink

/**
 * Development and tests: each event is parsed against the events table before it leaves main.
 * One that does not match is reported and dropped, never sent half-valid; what is sent is the
 * parsed payload (unknown keys removed), as the router does for route outputs.
 */
export function checkedEvents(onViolation: (error: Error) => void): EventGuard {
  return (sink) => (event, payload, except) => {
    let parsed: unknown
    try {
      parsed = parseEvent(event, payload)
    } catch (error) {
      onViolation(error instanceof Error ? error : new Error(String(error)))
      return
    }
    sink(event, parsed, except)
  }
}
