import type { VaultCategory } from '../../shared/vault'
import type { RestoreReport } from './backup'

export type LockReason = 'manual' | 'idle' | 'system' | 'closed'
export type UnlockMethod = 'password' | 'keychain' | 'init' | 'restore'

export interface VaultEvents {
  locked: { reason: LockReason }
  unlocked: { method: UnlockMethod }
  /** An entry was written or removed (no key or value: the continuity log records this). */
  entryChanged: { action: 'created' | 'updated' | 'deleted'; category: VaultCategory }
  /** A backup was restored (counts only, like the report). */
  restored: Omit<RestoreReport, 'vaultId' | 'damaged'>
}
export type VaultEventName = keyof VaultEvents

type Listener<E extends VaultEventName> = (payload: VaultEvents[E]) => void

/** The vault's listeners, per event. */
export class VaultEventHub {
  private readonly listeners: { [E in VaultEventName]: Set<Listener<E>> } = {
    locked: new Set(),
    unlocked: new Set(),
    entryChanged: new Set(),
    restored: new Set(),
  }

  on<E extends VaultEventName>(event: E, listener: Listener<E>): () => void {
    const set = this.listeners[event] as Set<Listener<E>>
    set.add(listener)
    return () => void set.delete(listener)
  }

  emit<E extends VaultEventName>(event: E, payload: VaultEvents[E]): void {
    for (const listener of [...(this.listeners[event] as Set<Listener<E>>)]) {
      try {
        listener(payload)
      } catch {
        // One failing listener must not stop the others or undo the lock.
      }
    }
  }
}
