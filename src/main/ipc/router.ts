import type { ZodError } from 'zod'
import type { Result } from '../../shared/result'
import type { RouteName } from '../../shared/routes'
import { isRouteName, routes } from '../../shared/routes'
import type { Handlers } from './handlers'
import type { RequestContext } from './requestContext'
import { toErrorInfo } from './errorInfo'

export interface RouterOptions<S> {
  handlers: Handlers
  /** Decides whether a sender may call at all; runs before anything else looks at the request. */
  isTrustedSender(sender: S): boolean
  /** Also check each handler's output against the route's schema (tests and development). */
  validateOutput?: boolean
  /** Called with errors that were not MirrorErrors (they reach the client only as INTERNAL). */
  onInternalError?(route: RouteName, error: unknown): void
}

export interface Router<S> {
  dispatch(sender: S, route: unknown, input: unknown, ctx: RequestContext): Promise<Result<unknown>>
}

/** Where a host sends requests once it has checked their sender (the core's worker, or a router). */
export interface Dispatcher {
  dispatch(route: unknown, input: unknown, ctx: RequestContext): Promise<Result<unknown>>
}

function describeIssues(error: ZodError): string {
  const first = error.issues[0]
  if (!first) return 'Invalid input.'
  const where = first.path.length > 0 ? `${first.path.map(String).join('.')}: ` : ''
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : ''
  return `Invalid input: ${where}${first.message}${more}`
}

/** FORBIDDEN_SENDER unless the sender guard says yes (a guard that throws says no). */
export function refuseUntrusted<S>(
  isTrustedSender: (sender: S) => boolean,
  sender: S,
): Result<never> | null {
  let trusted = false
  try {
    trusted = isTrustedSender(sender)
  } catch {
    trusted = false
  }
  if (trusted) return null
  return {
    ok: false,
    error: { code: 'FORBIDDEN_SENDER', message: 'This caller may not use ActiveMirror.' },
  }
}

type AnyHandler = (input: unknown, ctx: RequestContext) => Promise<unknown>

export function createRouter<S>(options: RouterOptions<S>): Router<S> {
  const { handlers, isTrustedSender, validateOutput = false, onInternalError } = options

  return {
    async dispatch(sender, route, input, ctx) {
      const refused = refuseUntrusted(isTrustedSender, sender)
      if (refused) return refused
      if (!isRouteName(route)) {
        const name = typeof route === 'string' ? route.slice(0, 100) : typeof route
        return { ok: false, error: { code: 'UNKNOWN_ROUTE', message: `Unknown route: ${name}` } }
      }
      const spec = routes[route]
      const parsed = spec.input.safeParse(input)
      if (!parsed.success) {
        return {
          ok: false,
          error: { code: 'VALIDATION_FAILED', message: describeIssues(parsed.error) },
        }
      }
      // Own-property lookup only: the route name was checked against the table above.
      const handler = Object.prototype.hasOwnProperty.call(handlers, route)
        ? (handlers[route] as AnyHandler)
        : undefined
      if (!handler) {
        return { ok: false, error: { code: 'UNKNOWN_ROUTE', message: `Unknown route: ${route}` } }
      }
      try {
        const data = await handler(parsed.data, ctx)
        if (!validateOutput) return { ok: true, data }
        const checked = spec.output.safeParse(data)
        if (checked.success) return { ok: true, data: checked.data }
        throw new Error(
          `Output of ${route} does not match its schema: ${describeIssues(checked.error)}`,
        )
      } catch (error) {
        const info = toErrorInfo(error)
        if (info.code === 'INTERNAL') onInternalError?.(route, error)
        return { ok: false, error: info }
      }
    },
  }
}
