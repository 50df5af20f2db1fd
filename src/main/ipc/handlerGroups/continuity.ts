import type { Mirror } from '../../mirrorApi'
import type { HandlerGroup, Handlers } from '../handlers'

export type SessionMemoryRoute = 'memory.get' | 'memory.set' | 'memory.used'

type ContinuityHandlers = HandlerGroup<'identity.'> &
  HandlerGroup<'continuity.'> &
  // The per-session switches; the rest of memory.* is handlerGroups/memory.ts.
  Pick<Handlers, SessionMemoryRoute> &
  HandlerGroup<'temporaryChat.'>

export function createContinuityHandlers(mirror: Mirror): ContinuityHandlers {
  const { continuity } = mirror
  return {
    'identity.get': async () => continuity.identity(),
    'identity.rename': async (input) => continuity.renameIdentity(input.displayName),
    'continuity.list': (input) => continuity.log.list(input),
    'continuity.verify': () => continuity.log.verify(),
    'continuity.clear': async () => {
      const entry = await continuity.log.clear()
      const removed = entry.data.removed
      return { removed: typeof removed === 'number' ? removed : 0 }
    },
    'memory.get': (input) => continuity.memorySettings(input.sessionId),
    'memory.set': ({ sessionId, ...patch }) => continuity.setMemorySettings(sessionId, patch),
    'memory.used': (input) => continuity.memoryUsed(input.sessionId),
    'temporaryChat.start': async (input, ctx) => {
      const session = await continuity.temporary.start(input)
      // Closing the tab or window forgets it, as leaving it does (it is never listed anywhere).
      ctx.onClose?.(() => void continuity.temporary.end(session.id))
      return session
    },
    'temporaryChat.end': async (input) => ({
      ended: await continuity.temporary.end(input.sessionId),
    }),
  }
}
