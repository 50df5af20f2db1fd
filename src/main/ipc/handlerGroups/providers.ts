import type { Mirror } from '../../mirrorApi'
import type { HandlerGroup } from '../handlers'

/** Provider settings. The API key arrives only in `providers.setKey` and is never sent back. */
export function createProviderHandlers(mirror: Mirror): HandlerGroup<'providers.'> {
  const settings = mirror.providerSettings
  return {
    'providers.list': () => settings.list(),
    'providers.add': (input) => settings.add(input),
    'providers.update': (input) => settings.update(input.id, input.patch),
    'providers.remove': (input) => settings.remove(input.id),
    'providers.setKey': (input) => settings.setKey(input.id, input.key),
    'providers.clearKey': (input) => settings.clearKey(input.id),
    'providers.setDefault': (input) => settings.setDefault(input.id),
    'providers.models': (input) => settings.models(input.id),
    'providers.test': (input) => settings.test(input.id),
  }
}
