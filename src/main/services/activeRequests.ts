/** Running chat requests by id, so `chat.cancel` can reach them and shutdown can wait for them. */
export class ActiveRequests {
  private readonly running = new Map<
    string,
    { controller: AbortController; done: Promise<unknown> }
  >()

  add(requestId: string, controller: AbortController, done: Promise<unknown>): void {
    this.running.set(requestId, { controller, done })
    void done.finally(() => this.running.delete(requestId))
  }

  /** True only when this call stopped a request that was still running. */
  cancel(requestId: string): boolean {
    const entry = this.running.get(requestId)
    if (!entry || entry.controller.signal.aborted) return false
    entry.controller.abort()
    return true
  }

  has(requestId: string): boolean {
    return this.running.has(requestId)
  }

  /** Stops every running request and waits until each has stored what it received. */
  async cancelAll(): Promise<void> {
    const entries = [...this.running.values()]
    for (const e of entries) e.controller.abort()
    await Promise.allSettled(entries.map((e) => e.done))
  }
}
