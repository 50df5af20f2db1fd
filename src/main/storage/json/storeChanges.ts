import type { StorageChange, StorageChangeListener } from '../storage'
import type { StoreFiles } from './storeFiles'
import type { Changes } from './storeWatcher'

/** Sessions the store holds now (usable or not), as the cache knows them. */
function knownIds(files: StoreFiles): Set<string> {
  return new Set([...files.state.records.keys(), ...files.state.corrupt.keys()])
}

/**
 * Brings the cache in step with the files the watcher noted and says which sessions another
 * program changed: a session file whose stamp moved (our own writes update the stamp as they
 * write, so they do not count), or a session the index added or dropped. Callers serialise.
 */
export async function refreshNoted(files: StoreFiles, noted: Changes): Promise<StorageChange> {
  const { state } = files
  const before = noted.index || noted.all ? knownIds(files) : null
  if (before) await files.syncIndex(false)
  const changed = new Set<string>()
  if (before) {
    const after = knownIds(files)
    for (const id of before) if (!after.has(id)) changed.add(id)
    for (const id of after) if (!before.has(id)) changed.add(id)
  }
  const ids = noted.all ? [...knownIds(files)] : noted.sessions
  for (const id of ids) {
    if (!state.records.has(id) && !state.corrupt.has(id)) continue
    const cached = state.records.get(id)
    // A file that became unusable is reported through problems(); listing goes on.
    await files.current(id).catch(() => undefined)
    if (state.records.get(id) !== cached) changed.add(id)
  }
  return { sessionIds: [...changed], all: false }
}

/** How long noted file events gather before one look (an atomic write raises several). */
export const CHANGE_SETTLE_MS = 100

/**
 * Turns the watcher's notes into one check at a time, a short while after the first note, and
 * hands what changed to the listeners.
 */
export class ChangeNotifier {
  private readonly listeners = new Set<StorageChangeListener>()
  private timer: NodeJS.Timeout | null = null

  constructor(private readonly check: () => Promise<void>) {}

  get listening(): boolean {
    return this.listeners.size > 0
  }

  add(listener: StorageChangeListener): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
      if (!this.listening && this.timer) clearTimeout(this.timer)
    }
  }

  /** A file was noted: look soon (once, however many notes arrive meanwhile). */
  noted(): void {
    if (!this.listening || this.timer) return
    this.timer = setTimeout(() => {
      this.timer = null
      this.check().catch(() => undefined)
    }, CHANGE_SETTLE_MS)
    this.timer.unref()
  }

  emit(change: StorageChange): void {
    if (change.sessionIds.length === 0 && !change.all) return
    for (const listener of this.listeners) listener(change)
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer)
    this.listeners.clear()
  }
}
