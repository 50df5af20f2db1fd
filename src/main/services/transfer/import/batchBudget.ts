/**
 * How much message text the next import batch may hold. A batch is one transaction, and other
 * processes wait for its write lock; on a busy machine the same batch holds that lock several
 * times longer. So the budget follows the last write's speed: it becomes the text that would
 * have taken TARGET_MS at that speed (growing at most twofold a step), between MIN and MAX.
 * A single session is never split (each is all-or-nothing), so one huge conversation may still
 * hold the lock longer.
 */
export const BATCH_TARGET_MS = 50
export const BATCH_MAX_CHARS = 1_000_000
export const BATCH_MIN_CHARS = 10_000
/** The first batch, before any write was timed: small enough for a slow machine. */
export const BATCH_START_CHARS = 200_000

export class BatchBudget {
  private budget = BATCH_START_CHARS

  get chars(): number {
    return this.budget
  }

  /** A write of `chars` characters held the database for `ms`. */
  observe(chars: number, ms: number): void {
    if (chars <= 0) return
    const fit = (chars * BATCH_TARGET_MS) / Math.max(ms, 1)
    this.budget = Math.round(
      Math.min(BATCH_MAX_CHARS, Math.max(BATCH_MIN_CHARS, Math.min(fit, this.budget * 2))),
    )
  }
}
