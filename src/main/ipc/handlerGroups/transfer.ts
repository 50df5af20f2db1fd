import type { Mirror } from '../../services/contracts'
import type { HandlerGroup } from '../handlers'

export function createTransferHandlers(mirror: Mirror): HandlerGroup<'import.'> {
  return {
    'import.files': (input) => mirror.transfer.importFiles(input.files),
  }
}
