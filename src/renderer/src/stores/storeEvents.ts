import type { Session } from '../../../shared/domain'
import type { ExportFile } from '../../../shared/routes'

/** An export waiting for the user's choice; `placeholders` is the file without sensitive text. */
export interface PendingExport {
  sessionId: string
  format: 'json' | 'markdown'
  placeholders: ExportFile
}

/**
 * Things one renderer store does that another reacts to, when main has no event for them.
 * Stores publish here and subscribe here; they never import each other, so none of them can
 * form an import cycle and each can be tested with only the stores it needs.
 */
export interface StoreEvents {
  /** A message reached a session's history (a send was stored, a reply finished). */
  'message.added': { sessionId: string; at: string }
  /** Main changed a session (a message action): the sidebar takes it; `open` opens it. */
  'session.changed': { session: Session; open?: boolean }
  /** An export holds sensitive messages: the user picks plain text or placeholders. */
  'export.sensitive': PendingExport
  /** The vault opened or closed, as seen by this window (an answer or an event from main). */
  'vault.changed': { unlocked: boolean }
  /** Entries came into the vault other than through the entries list (an import, a restore). */
  'vault.entriesChanged': Record<string, never>
  /** A session was deleted (here or by another process): its draft and queue go too. */
  'session.deleted': { sessionId: string }
  /** A folder was deleted (here): its sessions are in no folder now. */
  'folder.deleted': { folderId: string }
  /** Sessions were imported: the sidebar reads its list again. */
  'sessions.imported': { count: number }
  /** The default provider, or one the app info names, changed. */
  'providers.changed': Record<string, never>
}

export type StoreEventName = keyof StoreEvents
type Listener<E extends StoreEventName> = (payload: StoreEvents[E]) => void | Promise<void>

const listeners: { [E in StoreEventName]?: Set<Listener<E>> } = {}

/** Resolves once every listener has finished, for callers that must wait (await the refresh). */
export async function publish<E extends StoreEventName>(
  event: E,
  payload: StoreEvents[E],
): Promise<void> {
  await Promise.all([...(listeners[event] ?? [])].map((listener) => listener(payload)))
}

/** Subscribes for the life of the page (stores are singletons); returns the unsubscribe. */
export function subscribe<E extends StoreEventName>(event: E, listener: Listener<E>): () => void {
  const set = (listeners[event] ?? new Set()) as Set<Listener<E>>
  ;(listeners as Record<E, Set<Listener<E>>>)[event] = set
  set.add(listener)
  return () => set.delete(listener)
}
