import type { FetchFn } from './httpTransport'

/** Carries an attempt's id from `doStream({ headers })` to the router; never sent on. */
export const ATTEMPT_HEADER = 'x-activemirror-attempt'

export interface Attempt {
  /** Pass to `doStream({ headers })`. */
  headers: Record<string, string>
  end(): void
}

export class UnroutedRequestError extends Error {
  constructor() {
    super('A provider request was made outside of a reply attempt.')
    this.name = 'UnroutedRequestError'
  }
}

/**
 * One AI SDK model serves every reply of a provider: building one costs milliseconds (each
 * instance builds and compiles its own response schemas), which would all land before the first
 * token. Each attempt still needs its own transport, because its timeouts and wire state belong
 * to that attempt alone. So the shared model's fetch is this router: the attempt id travels in a
 * request header, and the router strips it and hands the request to that attempt's transport.
 */
export class AttemptRouter {
  private readonly attempts = new Map<string, FetchFn>()
  private issued = 0

  readonly fetch: FetchFn = (input, init = {}) => {
    const headers = new Headers(init.headers)
    const id = headers.get(ATTEMPT_HEADER)
    const target = id === null ? undefined : this.attempts.get(id)
    if (!target) return Promise.reject(new UnroutedRequestError())
    headers.delete(ATTEMPT_HEADER)
    return target(input, { ...init, headers })
  }

  begin(fetch: FetchFn): Attempt {
    const id = String(++this.issued)
    this.attempts.set(id, fetch)
    return { headers: { [ATTEMPT_HEADER]: id }, end: () => this.attempts.delete(id) }
  }

  /** Attempts begun and not yet ended (tests: nothing may linger after a reply). */
  get openAttempts(): number {
    return this.attempts.size
  }
}
