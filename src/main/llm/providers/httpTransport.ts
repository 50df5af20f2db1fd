import { Agent, fetch as undiciFetch } from 'undici'

export interface TransportTimeouts {
  /** DNS, TCP (and TLS) connection setup. */
  connectTimeoutMs: number
  /** Silence once the request is sent: before the response headers and between body chunks. */
  idleTimeoutMs: number
}

/** What happened on the wire during one attempt; error classification reads it. */
export interface TransportState {
  responseStarted: boolean
}

export type FetchFn = (input: string | URL | Request, init?: RequestInit) => Promise<Response>

export interface Transport {
  fetch: FetchFn
  state: TransportState
}

// One keep-alive pool per pair of limits, shared by every attempt that uses them (undici sets
// the limits per Agent). Idle pooled sockets are unref'd, so they never keep a process alive.
const agents = new Map<string, Agent>()

function agentFor(timeouts: TransportTimeouts): Agent {
  const key = `${timeouts.connectTimeoutMs}/${timeouts.idleTimeoutMs}`
  let agent = agents.get(key)
  if (!agent) {
    agent = new Agent({
      connectTimeout: timeouts.connectTimeoutMs,
      headersTimeout: timeouts.idleTimeoutMs,
      bodyTimeout: timeouts.idleTimeoutMs,
    })
    agents.set(key, agent)
  }
  return agent
}

function requestBody(body: RequestInit['body']): string | Uint8Array | null {
  if (body === undefined || body === null) return null
  if (typeof body === 'string' || body instanceof Uint8Array) return body
  throw new TypeError('Only string and byte request bodies are supported.')
}

/**
 * A `fetch` (undici's, on an Agent with a connect timeout and idle timeouts) for one attempt.
 * Global fetch cannot tell connecting from waiting, and a local model that is still loading can
 * legitimately take a long time before its first byte, so the two limits must be separate.
 * Failures carry undici's codes in their `cause` chain (UND_ERR_CONNECT_TIMEOUT,
 * UND_ERR_HEADERS_TIMEOUT, UND_ERR_BODY_TIMEOUT, UND_ERR_SOCKET…); `state` records whether a
 * response had started, which tells a refused answer from a stream that was cut.
 */
export function createTransport(timeouts: TransportTimeouts): Transport {
  const state: TransportState = { responseStarted: false }
  const dispatcher = agentFor(timeouts)
  const fetch: FetchFn = async (input, init = {}) => {
    const url = input instanceof Request ? input.url : input
    const { body, headers, method, signal } = init
    const response = await undiciFetch(url, {
      method,
      headers: Object.fromEntries(new Headers(headers)),
      body: requestBody(body),
      signal,
      dispatcher,
    })
    state.responseStarted = true
    // undici's Response is the same web Response the SDK reads (Node's own fetch is undici too).
    return response as unknown as Response
  }
  return { fetch, state }
}
