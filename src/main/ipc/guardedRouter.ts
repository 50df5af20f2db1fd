import type { Dispatcher, Router } from './router'
import { refuseUntrusted } from './router'

/**
 * A host's router when the core runs in a worker: the sender is checked here, on the thread
 * that knows the window or socket; everything else (route, input, output) in the worker.
 */
export function guardedRouter<S>(
  core: Dispatcher,
  isTrustedSender: (sender: S) => boolean,
): Router<S> {
  return {
    async dispatch(sender, route, input, ctx) {
      const refused = refuseUntrusted(isTrustedSender, sender)
      if (refused) return refused
      return core.dispatch(route, input, ctx)
    },
  }
}
