export interface LazyPlugin<T> {
  /** The loaded value, else null (the text renders without it until then). */
  current(): T | null
  /** Starts loading on first call; later calls return the same promise. */
  load(): Promise<void>
  /** Called once the value is ready, so what rendered without it can render again. */
  onReady(listener: () => void): () => void
}

/**
 * A rendering plugin fetched as its own chunk on first need: most conversations hold no code,
 * math or diagrams, and those libraries outweigh the rest of the app's script.
 */
export function lazyPlugin<T>(importer: () => Promise<T>): LazyPlugin<T> {
  let value: T | null = null
  let loading: Promise<void> | null = null
  const listeners = new Set<() => void>()
  return {
    current: () => value,
    load() {
      loading ??= importer()
        .then((loaded) => {
          value = loaded
          for (const listener of listeners) listener()
        })
        // A chunk that cannot load leaves the text as written; not worth an error in front of the user.
        .catch(() => undefined)
      return loading
    },
    onReady(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
