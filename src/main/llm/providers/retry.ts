export interface RetryPolicy {
  /** Further attempts after the first, only while no token has been shown. */
  maxRetries: number
  /** Backoff when the server does not say how long to wait: base, 2×base, 4×base… */
  baseDelayMs: number
  /** A retry-after longer than this is not waited out; the error is reported instead. */
  maxRetryAfterMs: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 2,
  baseDelayMs: 1_000,
  maxRetryAfterMs: 20_000,
}

function header(headers: Record<string, string>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return value
  }
  return undefined
}

/** The wait a server asked for in `retry-after-ms` (OpenAI) or `retry-after` (seconds or a date). */
export function retryAfterMs(
  headers: Record<string, string>,
  now: number = Date.now(),
): number | null {
  const ms = Number.parseFloat(header(headers, 'retry-after-ms') ?? '')
  if (Number.isFinite(ms) && ms >= 0) return ms
  const raw = header(headers, 'retry-after')?.trim()
  if (!raw) return null
  if (/^\d+(\.\d+)?$/.test(raw)) return Number.parseFloat(raw) * 1000
  const date = Date.parse(raw)
  return Number.isNaN(date) ? null : Math.max(0, date - now)
}

/** How long to wait before attempt `attempt + 1`, or null when it should not be made. */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  serverAsked: number | null,
): number | null {
  if (attempt >= policy.maxRetries) return null
  if (serverAsked !== null) return serverAsked <= policy.maxRetryAfterMs ? serverAsked : null
  return policy.baseDelayMs * 2 ** attempt
}

/** Resolves after `ms`, or early (without throwing) when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const done = (): void => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}
