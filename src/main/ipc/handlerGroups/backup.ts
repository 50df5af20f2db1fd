import type { Mirror } from '../../mirrorApi'
import type { HandlerGroup } from '../handlers'

export function createBackupHandlers(mirror: Mirror): HandlerGroup<'backup.'> {
  const api = mirror.backup
  return {
    'backup.status': () => api.status(),
    'backup.setSchedule': (input) => api.setSchedule(input),
    'backup.create': (input) => api.create({ folder: input.folder }),
    'backup.preview': (input) => api.preview(input.file, input.password),
    'backup.restore': (input) => api.restore(input.file, input.password),
  }
}
