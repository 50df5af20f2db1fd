import type { Mirror } from '../../mirrorApi'
import { memoryExportFileName } from '../../../shared/memory'
import type { HandlerGroup } from '../handlers'
import type { SessionMemoryRoute } from './continuity'

/** memory.* but the per-session switches (memory.get/set/used, in continuity.ts). */
type MemoryHandlers = Omit<HandlerGroup<'memory.'>, SessionMemoryRoute>

export function createMemoryHandlers(mirror: Mirror): MemoryHandlers {
  const { memory } = mirror
  return {
    'memory.list': (input) => memory.list(input.scope),
    'memory.add': (input) => memory.add(input.text, input.scope),
    'memory.update': ({ id, ...change }) => memory.update(id, change),
    'memory.delete': async (input) => ({ deleted: await memory.delete(input.id) }),
    'memory.suggestions.list': () => memory.suggestions(),
    'memory.suggest': (input) => memory.suggest(input.sessionId),
    'memory.accept': ({ id, ...choice }) => memory.accept(id, choice),
    'memory.reject': (input) => memory.reject(input.id),
    'memory.settings.get': () => memory.privacy(),
    'memory.settings.set': (input) => memory.setPrivacy(input),
    'memory.export': async () => ({
      fileName: memoryExportFileName(new Date()),
      mimeType: 'application/json',
      content: await memory.exportFile(),
    }),
    'memory.import': (input) => memory.importFile(input.content),
  }
}
