import type { Database, Transaction } from './driver'

/** How long a writer sleeps between two tries for the write lock. */
const RETRY_MS = 1
const SLEEPER = new Int32Array(new SharedArrayBuffer(4))

const isBusy = (error: unknown): boolean =>
  typeof (error as { code?: unknown } | null)?.code === 'string' &&
  (error as { code: string }).code.startsWith('SQLITE_BUSY')

/**
 * Write transactions (BEGIN IMMEDIATE) that wait for another process's write lock by trying
 * again every millisecond, up to the connection's busy_timeout.
 *
 * SQLite's own busy handler sleeps longer and longer between tries, up to 100 ms at a time.
 * Against a process that writes in quick succession (an import commits a batch, and takes the
 * lock again a millisecond later) it can miss gap after gap and wait for seconds; trying every
 * millisecond gets in at one of the next gaps. The statements inside the transaction keep the
 * connection's busy_timeout: only the wait for the lock itself is done here.
 */
export class WriteLock {
  private readonly timeoutMs: number
  private entered = false

  constructor(private readonly db: Database) {
    this.timeoutMs = Math.trunc(Number(db.pragma('busy_timeout', { simple: true })) || 0)
  }

  // A PRAGMA assignment takes effect when it is compiled: a prepared one run again does nothing.
  private setTimeout(ms: number): void {
    this.db.pragma(`busy_timeout = ${ms}`)
  }

  /** `fn` as a transaction function for `immediate`. */
  transaction<A extends unknown[], R>(fn: (...args: A) => R): Transaction<(...args: A) => R> {
    return this.db.transaction((...args: A): R => {
      this.enter()
      return fn(...args)
    })
  }

  /** Runs `transaction` (made by `this.transaction`) as BEGIN IMMEDIATE, waiting as above. */
  immediate<A extends unknown[], R>(transaction: Transaction<(...args: A) => R>, ...args: A): R {
    this.entered = false
    const deadline = performance.now() + this.timeoutMs
    this.setTimeout(0)
    try {
      for (;;) {
        try {
          return transaction.immediate(...args)
        } catch (error) {
          if (this.entered || !isBusy(error) || performance.now() >= deadline) throw error
          Atomics.wait(SLEEPER, 0, 0, RETRY_MS)
        }
      }
    } finally {
      if (!this.entered) this.setTimeout(this.timeoutMs)
    }
  }

  private enter(): void {
    if (this.entered) return
    this.entered = true
    this.setTimeout(this.timeoutMs)
  }
}
