import type { Clock } from '../services/ids'

/** setTimeout/clearTimeout, injectable so tests drive auto-lock with a fake clock. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const systemTimers: Timers = {
  setTimeout(callback, ms) {
    const handle = setTimeout(callback, ms)
    // An armed auto-lock must not keep a CLI process alive.
    handle.unref()
    return handle
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
}

export const MAX_AUTO_LOCK_MINUTES = 24 * 60

/**
 * Calls `onIdle` once `minutes` pass without `touch()`. Touching only records the time; the timer
 * re-arms itself for the remainder when it fires early, so frequent activity costs nothing.
 */
export class IdleTimer {
  private minutes: number | null = null
  private running = false
  private lastActivity = 0
  private handle: unknown = null

  constructor(
    private readonly clock: Clock,
    private readonly timers: Timers,
    private readonly onIdle: () => void,
  ) {}

  get limitMinutes(): number | null {
    return this.minutes
  }

  setMinutes(minutes: number | null): void {
    this.minutes = minutes
    this.lastActivity = this.now()
    this.arm()
  }

  start(): void {
    this.running = true
    this.lastActivity = this.now()
    this.arm()
  }

  stop(): void {
    this.running = false
    this.disarm()
  }

  touch(): void {
    this.lastActivity = this.now()
    if (this.running && this.handle === null) this.arm()
  }

  private now(): number {
    return this.clock.now().getTime()
  }

  private disarm(): void {
    if (this.handle !== null) this.timers.clearTimeout(this.handle)
    this.handle = null
  }

  private arm(delayMs?: number): void {
    this.disarm()
    if (!this.running || this.minutes === null) return
    this.handle = this.timers.setTimeout(() => this.fire(), delayMs ?? this.minutes * 60_000)
  }

  private fire(): void {
    this.handle = null
    if (!this.running || this.minutes === null) return
    const idle = this.now() - this.lastActivity
    const limit = this.minutes * 60_000
    if (idle >= limit) {
      this.stop()
      this.onIdle()
    } else {
      this.arm(limit - idle)
    }
  }
}
