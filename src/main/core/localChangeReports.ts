import { AsyncLocalStorage } from 'node:async_hooks'
import type { EventPayload } from '../../shared/events'
import { MAX_CHANGED_SESSION_IDS } from '../../shared/events'

type SessionsChanged = EventPayload<'sessions.changed'>

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
  noted(write: { sessionIds: string[]; folders: boolean }): void
  stop(): void
}

/**
 * Writes made by this process, reported to the host's windows except the one whose request made
 * them (it already shows its own change). A write made in no request (a File-menu import) is
 * reported to every window. Writes are gathered per request for a moment so that a reply (user
 * message, then the answer) or an import sends a few reports, not hundreds.
 */
export function createLocalChangeReports(
  report: (change: SessionsChanged, exceptId: number | undefined) => void,
  delayMs = LOCAL_CHANGE_DELAY_MS,
): LocalChangeReports {
  const current = new AsyncLocalStorage<RequestScope>()
  const gathered = new Map<number | undefined, { ids: Set<string>; folders: boolean }>()
  let timer: ReturnType<typeof setTimeout> | null = null

  function flush(): void {
    timer = null
    const batches = [...gathered]
    gathered.clear()
    for (const [exceptId, batch] of batches) report(changeOf(batch), exceptId)
  }

  return {
    within: (scope, work) => current.run(scope, work),
    noted(write) {
      const exceptId = current.getStore()?.id
      const batch = gathered.get(exceptId) ?? { ids: new Set<string>(), folders: false }
      for (const id of write.sessionIds) batch.ids.add(id)
      batch.folders ||= write.folders
      gathered.set(exceptId, batch)
      timer ??= setTimeout(flush, delayMs)
    },
    stop() {
      if (timer) clearTimeout(timer)
      timer = null
      gathered.clear()
    },
  }
}

/** Many sessions at once (a big import) become "re-read everything", as for other processes. */
export function changeOf(batch: { ids: Set<string>; folders: boolean }): SessionsChanged {
  const folders = batch.folders ? { folders: true } : {}
  return batch.ids.size > MAX_CHANGED_SESSION_IDS
    ? { sessionIds: [], all: true, ...folders }
    : { sessionIds: [...batch.ids], all: false, ...folders }
}
