import type { Mirror } from '../../mirrorApi'
import type { HandlerGroup } from '../handlers'

export function createEncryptionHandlers(mirror: Mirror): HandlerGroup<'encryption.'> {
  const { encryption } = mirror
  return {
    'encryption.status': () => encryption.status(),
    'encryption.enable': () => encryption.enable(),
    'encryption.disable': () => encryption.disable(),
  }
}
