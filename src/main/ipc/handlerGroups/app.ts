import type { Mirror } from '../../mirrorApi'
import type { HandlerGroup, HostInfo } from '../handlers'

export function createAppHandlers(mirror: Mirror, info: HostInfo): HandlerGroup<'app.'> {
  return {
    'app.info': async () => {
      const provider = mirror.providers.defaultProvider()
      return {
        version: info.version,
        storage: mirror.storageKind,
        dataDir: mirror.dataDir,
        provider: {
          id: provider.id,
          label: provider.label,
          model: provider.defaultModel,
          offline: provider.kind === 'offline',
        },
        host: info.host,
      }
    },
  }
}
