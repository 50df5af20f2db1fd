import { createHandlers } from '../../../src/main/ipc/handlers'
import type { Router } from '../../../src/main/ipc/router'
import { createRouter } from '../../../src/main/ipc/router'
import type { Mirror } from '../../../src/main/mirrorApi'

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
