import type { ContextSource, ContextTurn, GatheredContext } from './contextSources'
import { CONTEXT_SOURCE_BUDGET_MS, gatherContext } from './contextSources'

export interface BudgetOptions {
  /** How long a request may wait for the sources, from the turn's start. */
  budgetMs?: number
  /** Milliseconds, for timing each source (tests pass their own). */
  now?: () => number
}

/**
 * The context sources of one core, each given the same time budget per turn. A source can only
 * be left behind while it waits on something (a promise, another thread); a source whose work
 * is synchronous, like a SQLite search on this thread, cannot be interrupted once started and
 * would hold the request anyway. So a source that took longer than the budget is not waited
 * for on the next turn: it is run once the budget has passed (after the request has left), to
 * time it again, and is waited for again once it fits.
 */
export class BudgetedSources {
  private readonly budgetMs: number
  private readonly now: () => number
  /** Ids of sources whose last run took longer than the budget. */
  private readonly slow = new Set<string>()

  constructor(
    private readonly sources: readonly ContextSource[],
    options: BudgetOptions = {},
  ) {
    this.budgetMs = options.budgetMs ?? CONTEXT_SOURCE_BUDGET_MS
    this.now = options.now ?? (() => performance.now())
  }

  async gather(turn: ContextTurn): Promise<GatheredContext> {
    if (this.sources.length === 0) return { systemText: '', used: [], skipped: [] }
    const deadline = new Promise<void>((resolve) => setTimeout(resolve, this.budgetMs))
    const waited = this.sources.filter((s) => !this.slow.has(s.id))
    for (const source of this.sources) {
      if (waited.includes(source)) continue
      // Its result is not used: this run only tells whether the next turn may wait for it.
      void deadline.then(() => this.timed(source).contribute(turn)).catch(() => undefined)
    }
    const gathered = await gatherContext(
      waited.map((s) => this.timed(s)),
      turn,
      deadline,
    )
    const skipped = this.sources
      .filter((s) => !waited.includes(s) || gathered.skipped.some((k) => k.id === s.id))
      .map((s) => ({ id: s.id, reason: 'slow' as const }))
    return { ...gathered, skipped }
  }

  /** `source`, noting whether each run fits the budget. */
  private timed(source: ContextSource): ContextSource {
    return {
      id: source.id,
      contribute: async (turn) => {
        const started = this.now()
        try {
          return await source.contribute(turn)
        } finally {
          if (this.now() - started > this.budgetMs) this.slow.add(source.id)
          else this.slow.delete(source.id)
        }
      },
    }
  }
}
