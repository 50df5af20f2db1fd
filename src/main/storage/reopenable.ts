import type { SessionImport, Storage, StorageBackendKind, StorageChangeListener } from './storage'
import { referencedAttachmentsOf } from './attachmentRefs'
import { importSessionsOf } from './storage'

export interface Closable {
  close(): Promise<void>
}

/**
 * One store (a database connection) that can be closed and opened again underneath everything
 * built on it: encrypted history opens only once the vault is unlocked, closes when it locks,
 * and is closed around an encryption conversion. Calls wait while it is suspended, and a close
 * waits for the calls in flight, so no call ever sees a half-closed connection.
 */
export class Reopenable<T extends Closable> {
  private opened: Promise<T> | null = null
  private inFlight = 0
  private drainedWaiters: (() => void)[] = []
  private paused: Promise<void> | null = null
  private readonly openListeners = new Set<(instance: T) => void>()
  private readonly closeListeners = new Set<() => void>()

  constructor(private readonly open: () => Promise<T>) {}

  get isOpen(): boolean {
    return this.opened !== null
  }

  /** Runs `op` on the open store, opening it first; a failed open is retried by the next call. */
  async use<R>(op: (instance: T) => Promise<R> | R): Promise<R> {
    while (this.paused) await this.paused
    this.inFlight++
    try {
      return await op(await this.instance())
    } finally {
      this.inFlight--
      if (this.inFlight === 0) for (const wake of this.drainedWaiters.splice(0)) wake()
    }
  }

  /** Called with each newly opened store, and with the open one at once (watchers re-attach). */
  onOpen(listener: (instance: T) => void, onClose: () => void): () => void {
    this.openListeners.add(listener)
    this.closeListeners.add(onClose)
    void this.opened?.then(listener, () => undefined)
    return () => {
      this.openListeners.delete(listener)
      this.closeListeners.delete(onClose)
    }
  }

  /** Closes the store once calls in flight finish; the next call opens it again. */
  async close(): Promise<void> {
    if (this.inFlight > 0) await new Promise<void>((wake) => this.drainedWaiters.push(wake))
    const opened = this.opened
    this.opened = null
    if (!opened) return
    const instance = await opened.catch(() => null)
    if (!instance) return
    for (const listener of this.closeListeners) listener()
    await instance.close()
  }

  /** Closes the store, runs `fn` while nothing may open it, then lets calls through again. */
  async suspend<R>(fn: () => Promise<R> | R): Promise<R> {
    while (this.paused) await this.paused
    let release: () => void = () => undefined
    this.paused = new Promise<void>((resolve) => (release = resolve))
    try {
      await this.close()
      return await fn()
    } finally {
      this.paused = null
      release()
    }
  }

  private instance(): Promise<T> {
    if (this.opened) return this.opened
    const opening = this.open()
    this.opened = opening
    opening.then(
      (instance) => {
        for (const listener of this.openListeners) listener(instance)
      },
      () => {
        if (this.opened === opening) this.opened = null
      },
    )
    return opening
  }
}

type AnyMethod = (...args: unknown[]) => unknown

/**
 * An object that looks like the store and forwards every method call through `gate.use`.
 * `overrides` replaces members that must not simply be forwarded (close, watchers, fields).
 */
export function forwardingProxy<T extends Closable>(
  gate: Reopenable<T>,
  overrides: Partial<Record<keyof T, unknown>>,
): T {
  return new Proxy({} as T, {
    get(_target, prop) {
      if (Object.prototype.hasOwnProperty.call(overrides, prop)) {
        return overrides[prop as keyof T]
      }
      if (typeof prop !== 'string' || prop === 'then') return undefined
      return (...args: unknown[]) =>
        gate.use((instance) => {
          const method = (instance as Record<string, unknown>)[prop]
          if (typeof method !== 'function') {
            throw new TypeError(`The store has no method ${prop}`)
          }
          return (method as AnyMethod).apply(instance, args)
        })
    },
  })
}

/**
 * The sessions store behind a Reopenable: calls go through the gate, `close` closes the current
 * connection, and change watchers follow the store across reopenings.
 */
export function reopenableStorage(kind: StorageBackendKind, gate: Reopenable<Storage>): Storage {
  const watchChanges = (listener: StorageChangeListener): (() => void) => {
    let stop: (() => void) | null = null
    const detach = gate.onOpen(
      (instance) => {
        stop?.()
        stop = instance.watchChanges?.(listener) ?? null
      },
      () => {
        stop?.()
        stop = null
      },
    )
    return () => {
      detach()
      stop?.()
      stop = null
    }
  }
  return forwardingProxy<Storage>(gate, {
    kind,
    close: () => gate.close(),
    watchChanges,
    // Optional in Storage: the proxy has every method, so this one falls back by itself for a
    // store without a batch write (JSON, memory, most custom backends).
    importSessions: (batch: SessionImport[]) =>
      gate.use((instance) => importSessionsOf(instance, batch)),
    referencedAttachments: (ids: readonly string[]) =>
      gate.use((instance) => referencedAttachmentsOf(instance, ids)),
  })
}
