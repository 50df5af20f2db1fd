import type { Mirror } from '../mirrorApi'
import type { EventSink } from './requestContext'

/**
 * Events that concern every window of a mirror rather than one request: when the vault locks
 * (by hand, idle, system sleep), every window must hide what it showed. Each host passes a sink
 * that reaches all of its windows or sockets; returns the unsubscribe function.
 */
export function forwardBroadcasts(mirror: Pick<Mirror, 'vault'>, sink: EventSink): () => void {
  const offs = [
    mirror.vault.on('locked', (payload) => sink('vault.locked', payload)),
    mirror.vault.on('unlocked', (payload) => sink('vault.unlocked', payload)),
  ]
  return () => offs.forEach((off) => off())
}
