import type { Mirror } from '../mirrorApi'
import type { EventSink } from './requestContext'

/**
 * Events that concern every window of a mirror rather than one request: when the vault locks
 * (by hand, idle, system sleep), every window must hide what it showed; when another process
 * changed sessions or the vault file, every window reads them again. Each host passes a sink that reaches all of
 * its windows or sockets; returns the unsubscribe function.
 */
export function forwardBroadcasts(
  mirror: Pick<Mirror, 'vault' | 'changes'> & Partial<Pick<Mirror, 'memory'>>,
  sink: EventSink,
): () => void {
  const offs = [
    mirror.vault.on('locked', (payload) => sink('vault.locked', payload)),
    mirror.vault.on('unlocked', (payload) => sink('vault.unlocked', payload)),
    mirror.vault.watchOtherProcesses(() => sink('vault.changed', {})),
    mirror.changes.on((change) => sink('sessions.changed', change)),
  ]
  if (mirror.memory)
    offs.push(mirror.memory.on('changed', (change) => sink('memory.changed', change)))
  return () => offs.forEach((off) => off())
}
