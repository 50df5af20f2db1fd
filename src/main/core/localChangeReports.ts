import { AsyncLocalStorage } from 'node:async_hooks'
import type { StorageChange } from '../storage/storage'
import { localChange } from '../storage/localWrites'

/** A request's scope in the core (see coreRuntime's `contextFor`); null outside any request. */
export interface RequestScope {
  readonly id: number
}

/** How long writes of one request are gathered into one report (a reply writes twice). */
export const LOCAL_CHANGE_DELAY_MS = 50

export interface LocalChangeReports {
  /** Runs `work` as the request `scope`: every write made in it, now or later, is its own. */
  within<T>(scope: RequestScope, work: () => T): T
  /** A write touched these sessions; called in the async context of whoever wrote. */
  noted(sessionIds: string[]): void
  stop(): void
}

/**
 * Writes made by this process, reported to the host's windows except the one whose request made
 * them (it already shows its own change). A write made in no request (a File-menu import) is
 * reported to every window. Writes are gathered per request for a moment so that a reply (user
 * message, then the answer) or an import sends a few reports, not hundreds.
 */
export function createLocalChangeReports(
  report: (change: StorageChange, exceptId: number | undefined) => void,
  delayMs = LOCAL_CHANGE_DELAY_MS,
): LocalChangeReports {
  const current = new AsyncLocalStorage<RequestScope>()
  const gathered = new Map<number | undefined, Set<string>>()
  let timer: ReturnType<typeof setTimeout> | null = null

  function flush(): void {
    timer = null
    const batches = [...gathered]
    gathered.clear()
    for (const [exceptId, ids] of batches) report(localChange(ids), exceptId)
  }

  return {
    within: (scope, work) => current.run(scope, work),
    noted(sessionIds) {
      const exceptId = current.getStore()?.id
      const ids = gathered.get(exceptId) ?? new Set<string>()
      for (const id of sessionIds) ids.add(id)
      gathered.set(exceptId, ids)
      timer ??= setTimeout(flush, delayMs)
    },
    stop() {
      if (timer) clearTimeout(timer)
      timer = null
      gathered.clear()
    },
  }
}
