import type { Mirror } from '../../mirrorApi'
import type { HandlerGroup, HostInfo } from '../handlers'

export function createStorageHandlers(mirror: Mirror, info: HostInfo): HandlerGroup<'storage.'> {
  const api = mirror.storageChoice
  const overridden = info.storage?.overridden ?? false
  return {
    'storage.get': () => api.get(overridden),
    'storage.test': (input) => api.test(input.databaseUrl),
    // The app and the browser host then restart the core on the saved choice (host/storageSwitch.ts).
    'storage.use': async (input) => ({ ...(await api.use(input, overridden)), restarted: false }),
  }
}
