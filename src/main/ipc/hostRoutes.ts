import type { RouteName } from '../../shared/routes'
import type { Result } from '../../shared/result'
import { toErrorInfo } from './errorInfo'
import type { Dispatcher } from './router'

/** Routes the window's own host answers (native dialogs), before anything reaches the core. */
export type HostRoutes = Partial<Record<RouteName, () => Promise<unknown>>>

/**
 * `core`, except for the routes in `routes`, which run here on the host thread (they need
 * Electron, which the core never loads). Their inputs are the empty object; anything else is
 * left to the core's router to refuse. The sender was checked before (guardedRouter).
 */
export function withHostRoutes(core: Dispatcher, routes: HostRoutes): Dispatcher {
  return {
    async dispatch(route, input, ctx) {
      const own = typeof route === 'string' && Object.hasOwn(routes, route)
      const handler = own ? routes[route as RouteName] : undefined
      const empty =
        input !== null &&
        typeof input === 'object' &&
        !Array.isArray(input) &&
        Object.keys(input).length === 0
      if (!handler || !empty) return core.dispatch(route, input, ctx)
      try {
        return { ok: true, data: await handler() } satisfies Result<unknown>
      } catch (error) {
        return { ok: false, error: toErrorInfo(error) }
      }
    },
  }
}
