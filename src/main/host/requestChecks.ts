import { timingSafeEqual } from 'node:crypto'

/**
 * Host header check against DNS rebinding: a page on evil.example that resolves to 127.0.0.1
 * still sends `Host: evil.example`.
 */
export function isAllowedHost(
  hostHeader: string | undefined,
  bindHost: string,
  port: number,
): boolean {
  if (!hostHeader) return false
  const allowed = new Set([`${bindHost}:${port}`, `localhost:${port}`])
  return allowed.has(hostHeader.toLowerCase())
}

/** Only pages served by this host may open the socket (stops cross-site WebSocket hijacking). */
export function isAllowedOrigin(
  origin: string | undefined,
  bindHost: string,
  port: number,
): boolean {
  return origin === `http://${bindHost}:${port}`
}

/** Constant-time token comparison. */
export function tokenMatches(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** Only loopback addresses: the router is the user's whole data and must never be on the network. */
export function isLoopbackIPv4(host: string): boolean {
  return /^127(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(host)
}
