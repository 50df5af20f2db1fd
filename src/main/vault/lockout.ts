import type { LockoutState } from './recordStore'

/** Wrong passwords allowed before attempts are slowed down. */
export const FREE_ATTEMPTS = 3
export const BASE_DELAY_MS = 1000
export const MAX_DELAY_MS = 5 * 60_000

/** Delay imposed after `failures` consecutive wrong passwords: 0, 0, 1 s, 2 s, 4 s … capped at 5 min. */
export function lockoutDelayMs(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0
  return Math.min(BASE_DELAY_MS * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_MS)
}

/** The state after one more wrong password at time `now` (epoch ms). */
export function afterFailure(state: LockoutState, now: number): LockoutState {
  const failures = state.failures + 1
  const delay = lockoutDelayMs(failures)
  return { failures, retryAt: delay > 0 ? now + delay : 0 }
}

/** Milliseconds left before another password attempt is allowed (0 = now). */
export function waitMs(state: LockoutState, now: number): number {
  return Math.max(0, state.retryAt - now)
}
