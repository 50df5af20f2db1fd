import type { Mirror } from '../../mirrorApi'
import type { HandlerGroup } from '../handlers'

export function createFolderHandlers(mirror: Mirror): HandlerGroup<'folders.'> {
  return {
    'folders.list': () => mirror.folders.list(),
    'folders.create': (input) => mirror.folders.create(input.name),
    'folders.rename': (input) => mirror.folders.rename(input.id, input.name),
    'folders.delete': async (input) => {
      await mirror.folders.delete(input.id)
      return { id: input.id }
    },
  }
}
