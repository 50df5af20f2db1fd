import { MirrorError } from '../../../shared/errors'
import type { Mirror } from '../../mirrorApi'
import type { HandlerGroup } from '../handlers'

export function createBackupHandlers(mirror: Mirror): HandlerGroup<'backup.'> {
  const api = mirror.backup
  return {
    'backup.status': () => api.status(),
    // The desktop host answers this itself (ipc/hostRoutes.ts); a core reached with it has no picker.
    'backup.chooseFolder': () => {
      throw new MirrorError(
        'NOT_SUPPORTED',
        'This host has no folder picker: type the folder path.',
      )
    },
    'backup.setSchedule': (input) => api.setSchedule(input),
    'backup.create': (input) => api.create({ folder: input.folder }),
    'backup.preview': (input) => api.preview(input.file, input.password),
    'backup.restore': (input) => api.restore(input.file, input.password),
  }
}
