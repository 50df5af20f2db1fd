import type {
  ContextDraft,
  ContextSource,
  ContextTurn,
  GatheredContext,
  WithheldKind,
} from './contextSources'
import { CONTEXT_SOURCE_BUDGET_MS, gatherContext } from './contextSources'

/** A turn's context, with what sources kept from a provider that is not local. */
export interface TurnContext extends GatheredContext {
  withheld: WithheldKind[]
}

/** Runs in a row that must fit the budget before a slow source is waited for again. */
export const FITS_TO_WAIT_AGAIN = 3

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
 * for on the next turn (unless it says its answer is ready, prepared from the draft): it is run
 * once the budget has passed (after the request has left), to time it again, and is waited for
 * again once it has fitted FITS_TO_WAIT_AGAIN times in a row.
 */
export class BudgetedSources {
  private readonly budgetMs: number
  private readonly now: () => number
  /**
   * Sources found slow, by id: how many runs in a row have fitted the budget since. Recall's
   * time varies with the words searched, so one quick run does not make the next one quick.
   */
  private readonly slow = new Map<string, number>()

  constructor(
    private readonly sources: readonly ContextSource[],
    options: BudgetOptions = {},
  ) {
    this.budgetMs = options.budgetMs ?? CONTEXT_SOURCE_BUDGET_MS
    this.now = options.now ?? (() => performance.now())
  }

  async gather(turn: ContextTurn): Promise<TurnContext> {
    const withheld: WithheldKind[] = []
    const sources = this.sources.filter((source) => {
      const kind = source.withholds?.(turn) ?? null
      if (kind) withheld.push(kind)
      return kind === null
    })
    if (sources.length === 0) return { systemText: '', used: [], skipped: [], withheld }
    const deadline = new Promise<void>((resolve) => setTimeout(resolve, this.budgetMs))
    const waited = sources.filter((s) => !this.slow.has(s.id) || s.ready?.(turn) === true)
    for (const source of sources) {
      if (waited.includes(source)) continue
      // Its result is not used: this run only tells whether the next turn may wait for it.
      void deadline.then(() => this.timed(source).contribute(turn)).catch(() => undefined)
    }
    // A prepared answer says nothing about how long the work takes: only real runs are timed.
    const gathered = await gatherContext(
      waited.map((s) => (s.ready?.(turn) === true ? s : this.timed(s))),
      turn,
      deadline,
    )
    const skipped = sources
      .filter((s) => !waited.includes(s) || gathered.skipped.some((k) => k.id === s.id))
      .map((s) => ({ id: s.id, reason: 'slow' as const }))
    return { ...gathered, skipped, withheld }
  }

  /** Lets each source start on a draft the user is typing (see ContextSource.prepare). */
  prepare(draft: ContextDraft): void {
    for (const source of this.sources) {
      try {
        source.prepare?.(draft)
      } catch {
        // Only a head start is lost.
      }
    }
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
          const fits = this.now() - started <= this.budgetMs
          const streak = this.slow.get(source.id)
          if (!fits) this.slow.set(source.id, 0)
          else if (streak !== undefined && streak + 1 < FITS_TO_WAIT_AGAIN) {
            this.slow.set(source.id, streak + 1)
          } else this.slow.delete(source.id)
        }
      },
    }
  }
}
