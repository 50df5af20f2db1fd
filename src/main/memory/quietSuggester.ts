/** Minutes a conversation stays quiet before its suggestions are drafted (docs/memory.md). */
export const DEFAULT_QUIET_MS = 10 * 60_000

/** setTimeout and clearTimeout, injected so tests can move time themselves. */
export interface QuietTimers {
  set(run: () => void, ms: number): unknown
  clear(handle: unknown): void
}

export const realTimers: QuietTimers = {
  set: (run, ms) => {
    const handle = setTimeout(run, ms)
    // A pending draft must never keep a process (the CLI) alive.
    handle.unref()
    return handle
  },
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
}

export interface QuietSuggesterDeps {
  /** Drafts suggestions from the session (MemoryService.suggest); its failures are dropped. */
  suggest(sessionId: string): Promise<unknown>
  /** Whether drafting can store anything now (the vault is open). */
  ready(): boolean
  quietMs?: number
  timers?: QuietTimers
}

/**
 * Drafts suggestions when a conversation goes quiet: each activity in a session (a message
 * stored, a reply) restarts that session's wait; when it ends, suggestions are drafted once.
 */
export class QuietSuggester {
  private readonly waiting = new Map<string, unknown>()
  private readonly timers: QuietTimers
  private readonly quietMs: number

  constructor(private readonly deps: QuietSuggesterDeps) {
    this.timers = deps.timers ?? realTimers
    this.quietMs = deps.quietMs ?? DEFAULT_QUIET_MS
  }

  activity(sessionId: string): void {
    const pending = this.waiting.get(sessionId)
    if (pending !== undefined) this.timers.clear(pending)
    const handle = this.timers.set(() => {
      this.waiting.delete(sessionId)
      if (!this.deps.ready()) return
      this.deps.suggest(sessionId).catch(() => undefined)
    }, this.quietMs)
    this.waiting.set(sessionId, handle)
  }

  /** Sessions with a draft still to come (for tests and shutdown). */
  waitingFor(): string[] {
    return [...this.waiting.keys()]
  }

  stop(): void {
    for (const handle of this.waiting.values()) this.timers.clear(handle)
    this.waiting.clear()
  }
}
