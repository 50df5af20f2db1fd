import { MirrorError } from '../../../shared/errors'
import type { ErrorCode } from '../../../shared/errors'
import type { TransportState } from './httpTransport'
import { displayUrl, redact } from './redact'
import { retryAfterMs } from './retry'

/** Who was being called, for messages that say what to do next. */
export interface CallContext {
  label: string
  baseUrl: string
  model: string
  secrets: readonly string[]
  connectTimeoutMs: number
  idleTimeoutMs: number
}

export interface ClassifiedError {
  error: MirrorError
  /** Worth another attempt if nothing has been shown to the user yet. */
  retryable: boolean
  /** What the server asked us to wait, if it said. */
  retryAfterMs: number | null
}

interface ErrorFacts {
  status: number | null
  headers: Record<string, string>
  networkCode: string | null
  detail: string | null
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL'])
const REFUSED_CODES = new Set(['ECONNREFUSED', 'ConnectionRefused'])
/** Node's codes for a certificate the connection could not trust (OpenSSL's names). */
const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
])
const CUT_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ConnectionClosed'])
/** undici's timeout codes: no connection in time, or silence before the headers or mid-body. */
const TIMEOUT_KINDS = new Map<string, 'connect' | 'idle'>([
  ['UND_ERR_CONNECT_TIMEOUT', 'connect'],
  ['ETIMEDOUT', 'connect'],
  ['UND_ERR_HEADERS_TIMEOUT', 'idle'],
  ['UND_ERR_BODY_TIMEOUT', 'idle'],
])

// Error types sent inside a stream (Anthropic `event: error`, OpenAI `{"error": …}` chunks).
const STREAM_ERROR_STATUS: Record<string, number> = {
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  rate_limit_error: 429,
  rate_limit_exceeded: 429,
  insufficient_quota: 429,
  invalid_request_error: 400,
  api_error: 500,
  server_error: 500,
  overloaded_error: 529,
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null
}

function shortDetail(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null
  const line = value.trim().split('\n')[0]!
  return line.length > 200 ? `${line.slice(0, 200)}…` : line
}

function facts(error: unknown): ErrorFacts {
  const out: ErrorFacts = { status: null, headers: {}, networkCode: null, detail: null }
  const seen = new Set<unknown>()
  let current: unknown = error
  while (current !== undefined && current !== null && !seen.has(current)) {
    seen.add(current)
    const r = record(current)
    if (!r) break
    if (out.status === null && typeof r.statusCode === 'number' && r.statusCode >= 400) {
      out.status = r.statusCode
    }
    if (record(r.responseHeaders) && Object.keys(out.headers).length === 0) {
      out.headers = r.responseHeaders as Record<string, string>
    }
    if (out.networkCode === null && typeof r.code === 'string') out.networkCode = r.code
    const type = typeof r.type === 'string' ? r.type : typeof r.code === 'string' ? r.code : null
    if (out.status === null && type && STREAM_ERROR_STATUS[type])
      out.status = STREAM_ERROR_STATUS[type]!
    out.detail ??= shortDetail(
      record(r.data)?.error ? record(record(r.data)!.error)?.message : null,
    )
    out.detail ??= shortDetail(r.message)
    current = r.cause ?? (r.error !== current ? r.error : undefined)
  }
  return out
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).hostname
  } catch {
    return baseUrl
  }
}

function seconds(ms: number): number {
  return Math.max(1, Math.round(ms / 1000))
}

/**
 * Turns anything a provider call can throw into a MirrorError whose message says what to do next.
 * Messages and data never contain a secret: they are redacted as a last step.
 */
export function classifyProviderError(
  error: unknown,
  ctx: CallContext,
  wire: TransportState,
  textEmitted: boolean,
): ClassifiedError {
  const url = displayUrl(ctx.baseUrl)
  const f = facts(error)
  let code: ErrorCode
  let message: string
  let retryable = false
  let wait: number | null = null
  const data: Record<string, unknown> = { provider: ctx.label }

  const timedOut = f.networkCode ? TIMEOUT_KINDS.get(f.networkCode) : undefined
  if (error instanceof MirrorError) {
    return { error, retryable: false, retryAfterMs: null }
  } else if (timedOut === 'connect') {
    code = 'PROVIDER_TIMEOUT'
    message = `Could not connect to ${ctx.label} at ${url} within ${seconds(ctx.connectTimeoutMs)} s. Check the base URL and your network connection, then try again.`
    data.timeout = 'connect'
  } else if (timedOut === 'idle') {
    code = 'PROVIDER_TIMEOUT'
    data.timeout = 'idle'
    message = textEmitted
      ? `${ctx.label} stopped sending for ${seconds(ctx.idleTimeoutMs)} s; the partial reply was kept. Try again.`
      : `${ctx.label} at ${url} accepted the connection but sent nothing for ${seconds(ctx.idleTimeoutMs)} s. Check that the server is healthy (a local model may still be loading), then try again.`
  } else if (f.status !== null) {
    data.status = f.status
    if (f.status === 401 || f.status === 403) {
      code = 'PROVIDER_AUTH_FAILED'
      message =
        f.status === 401
          ? `${ctx.label} rejected the API key (HTTP 401). Check the API key in Settings.`
          : `${ctx.label} refused access (HTTP 403). Check the API key in Settings and that it may use the model "${ctx.model}".`
    } else if (f.status === 404) {
      code = 'PROVIDER_MODEL_NOT_FOUND'
      message = `${ctx.label} does not know the model "${ctx.model}" (HTTP 404). Check the model name (and the base URL ${url}) in Settings.`
    } else if (f.status === 429) {
      code = 'PROVIDER_RATE_LIMITED'
      wait = retryAfterMs(f.headers)
      retryable = true
      if (wait !== null) data.retryAfterSeconds = Math.ceil(wait / 1000)
      message =
        wait !== null
          ? `${ctx.label} is rate limiting requests (HTTP 429). Wait ${Math.ceil(wait / 1000)} s and try again.`
          : `${ctx.label} is rate limiting requests (HTTP 429). Wait a moment and try again, or check your plan's limits.`
    } else if (f.status >= 500) {
      code = 'PROVIDER_SERVER_ERROR'
      retryable = true
      wait = retryAfterMs(f.headers)
      message = `${ctx.label} had a server error (HTTP ${f.status}). Try again in a moment.`
    } else {
      // 400, 413, 422…: the request itself was refused (often a context that is too long).
      code = 'PROVIDER_SERVER_ERROR'
      message = `${ctx.label} rejected the request (HTTP ${f.status}${f.detail ? `: ${f.detail}` : ''}). Check the model name, or start a shorter conversation.`
    }
  } else if (f.networkCode && REFUSED_CODES.has(f.networkCode)) {
    code = 'PROVIDER_UNREACHABLE'
    retryable = true
    message = `Could not connect to ${ctx.label}: the connection was refused. Is the server running at ${url}?`
  } else if (f.networkCode && CERTIFICATE_CODES.has(f.networkCode)) {
    code = 'PROVIDER_UNREACHABLE'
    message = `${ctx.label} at ${url} presented a TLS certificate that is not trusted (${f.networkCode}); nothing was sent. Check the base URL; if the server uses a private certificate authority, start ActiveMirror with NODE_EXTRA_CA_CERTS set to its certificate file.`
  } else if (f.networkCode && DNS_CODES.has(f.networkCode)) {
    code = 'PROVIDER_UNREACHABLE'
    message = `Could not find the host ${hostOf(ctx.baseUrl)} (DNS lookup failed). Check the base URL in Settings and your network connection.`
  } else if ((f.networkCode && CUT_CODES.has(f.networkCode)) || textEmitted) {
    if (textEmitted || wire.responseStarted) {
      code = 'PROVIDER_STREAM_INTERRUPTED'
      message = `The connection to ${ctx.label} was cut while the reply was streaming; the partial reply was kept. Try again.`
    } else {
      code = 'PROVIDER_UNREACHABLE'
      message = `${ctx.label} at ${url} closed the connection without answering. Check that the server is running, then try again.`
    }
    retryable = true
  } else if (f.networkCode) {
    code = 'PROVIDER_UNREACHABLE'
    retryable = true
    message = `Could not reach ${ctx.label} at ${url} (${f.networkCode}). Check the base URL and your network connection.`
  } else {
    code = 'PROVIDER_SERVER_ERROR'
    message = `${ctx.label} sent a response that could not be understood. Check the base URL and model in Settings, then try again.`
  }
  if (f.networkCode && code === 'PROVIDER_UNREACHABLE') data.reason = f.networkCode
  if (f.detail && code !== 'PROVIDER_UNREACHABLE') data.detail = redact(f.detail, ctx.secrets)
  return {
    error: new MirrorError(code, redact(message, ctx.secrets), data),
    retryable,
    retryAfterMs: wait,
  }
}

/** A non-2xx answer from a plain request (model lists), shaped like the SDK's APICallError. */
export class HttpStatusError extends Error {
  constructor(
    readonly statusCode: number,
    readonly responseHeaders: Record<string, string>,
    message: string,
  ) {
    super(message)
    this.name = 'HttpStatusError'
  }
}
