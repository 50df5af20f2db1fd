import { MirrorError } from '../../../src/shared/errors'
import type { RouteName } from '../../../src/shared/routes'
import { routes } from '../../../src/shared/routes'
import type { Handlers } from '../../../src/main/ipc/handlers'

/**
 * A hand-made handler table for transport tests: every route answers NOT_FOUND unless the test
 * gives it a handler. Lets the router and the browser host be tested without a mirror.
 */
export function handlerTable(overrides: Partial<Handlers>): Handlers {
  const table: Record<string, unknown> = {}
  for (const name of Object.keys(routes) as RouteName[]) {
    table[name] =
      overrides[name] ??
      (async () => {
        throw new MirrorError('NOT_FOUND', `No handler for ${name} in this test.`)
      })
  }
  return table as Handlers
}
