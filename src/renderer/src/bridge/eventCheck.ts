import { parseEvent } from '../../../shared/events'
import type { EventCheck } from './wsBridge'

/**
 * The renderer's side of the events contract. Loaded only by development builds and tests
 * (bridgeClient imports it dynamically behind import.meta.env.DEV), so production bundles carry
 * neither the schemas nor zod.
 */

/** Thrown outside the bridge's own call stack: a failed test run, a red line in the console. */
export function throwLater(error: Error): void {
  setTimeout(() => {
    throw error
  })
}

/**
 * Parses each event against the events table. One that does not match is dropped (listeners never
 * see a half-valid payload) and `onViolation` is told.
 */
export function eventChecker(onViolation: (error: Error) => void = throwLater): EventCheck {
  return (event, payload) => {
    try {
      return { payload: parseEvent(event, payload) }
    } catch (error) {
      onViolation(error instanceof Error ? error : new Error(String(error)))
      return undefined
    }
  }
}
