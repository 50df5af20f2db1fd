import { createHandlers } from '../../../src/main/ipc/handlers'
import type { Router } from '../../../src/main/ipc/router'
import { createRouter } from '../../../src/main/ipc/router'
import type { Mirror } from '../../../src/main/mirrorApi'
import type { RequestContext } from '../../../src/main/ipc/requestContext'
import type { RouteName, RouteOutput } from '../../../src/shared/routes'
import { routes } from '../../../src/shared/routes'

/**
 * The real router over `mirror`, as a host builds it, with every route output checked against
 * the contract and an INTERNAL error failing the test instead of becoming an envelope.
 */
export function checkedRouter(
  mirror: Mirror,
  host: 'browser' | 'electron' = 'browser',
  version = '1.0.0',
): Router<null> {
  return createRouter({
    handlers: createHandlers(mirror, { host, version }),
    isTrustedSender: () => true,
    validateOutput: true,
    onInternalError: (route, error) => {
      throw new Error(`unexpected INTERNAL in ${route}: ${String(error)}`)
    },
  })
}

/**
 * `call` dispatches a route and returns its parsed output (failing the test on an error
 * envelope); `fails` expects an error envelope and returns its code.
 */
export function routeCalls(
  router: () => Router<null>,
  ctx: RequestContext = { emit: () => undefined },
) {
  return {
    async call<K extends RouteName>(route: K, input: unknown): Promise<RouteOutput<K>> {
      const result = await router().dispatch(null, route, input, ctx)
      if (!result.ok) throw new Error(`${route}: ${result.error.code} ${result.error.message}`)
      return routes[route].output.parse(result.data) as RouteOutput<K>
    },
    async fails(route: RouteName, input: unknown): Promise<string> {
      const result = await router().dispatch(null, route, input, ctx)
      if (result.ok) throw new Error(`${route} succeeded`)
      return result.error.code
    },
  }
}
