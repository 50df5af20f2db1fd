import { MAX_CHANGED_SESSION_IDS } from '../../shared/events'
import type { Storage, StorageChange, StorageChangeListener } from './storage'

/** More changed sessions than this in one report become "re-read everything". */
export const MAX_CHANGED_IDS = MAX_CHANGED_SESSION_IDS

/** Changes other processes made to the sessions store, for the hosts to pass to their windows. */
export interface ChangeFeed {
  /** Starts watching with the first listener, stops after the last; returns the unsubscribe. */
  on(listener: StorageChangeListener): () => void
}

function bounded(change: StorageChange): StorageChange {
  return change.sessionIds.length > MAX_CHANGED_IDS ? { sessionIds: [], all: true } : change
}

/**
 * One watch of the backend shared by every listener. Nothing watches until someone listens, so
 * the CLI and SDK users who never ask pay nothing. A backend without `watchChanges` (memory)
 * never reports.
 */
export function createChangeFeed(storage: Pick<Storage, 'watchChanges'>): ChangeFeed {
  const listeners = new Set<StorageChangeListener>()
  let stop: (() => void) | null = null
  return {
    on(listener) {
      listeners.add(listener)
      if (!stop && storage.watchChanges) {
        stop = storage.watchChanges((change) => {
          const report = bounded(change)
          for (const each of [...listeners]) each(report)
        })
      }
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0 && stop) {
          stop()
          stop = null
        }
      }
    },
  }
}
