import { baseUrlOf } from './providerConfig'
import type { ProviderConfig, ProviderType } from './providerConfig'
import type { ChatProvider } from './provider'

const LOOPBACK_NAMES = new Set([
  'localhost',
  'localhost.localdomain',
  'ip6-localhost',
  'ip6-loopback',
])

/** Whether a host name or address points at this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '')
  if (LOOPBACK_NAMES.has(host) || host.endsWith('.localhost')) return true
  if (host === '::1' || /^(0:){7}1$/.test(host)) return true
  const mapped = /^::ffff:(.+)$/.exec(host)
  const v4 = mapped?.[1] ?? host
  return /^127(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(v4)
}

/** Whether a base URL is served from this machine. A malformed URL is not local. */
export function isLocalBaseUrl(baseUrl: string): boolean {
  try {
    return isLoopbackHost(new URL(baseUrl).hostname)
  } catch {
    return false
  }
}

/** Whether a host is on a private network (RFC 1918, IPv6 unique-local, mDNS `.local`). */
export function isPrivateNetworkHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '')
  if (host.endsWith('.local')) return true
  if (/^f[cd][0-9a-f]{2}:/.test(host)) return true
  const octets = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host)
  if (!octets) return false
  const [a, b] = [Number(octets[1]), Number(octets[2])]
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)
}

/** Whether a provider of `type` served at `baseUrl` is a local model (see isLocalProvider). */
export function isLocalEndpoint(type: ProviderType, baseUrl: string): boolean {
  let hostname: string
  try {
    hostname = new URL(baseUrl).hostname
  } catch {
    return false
  }
  if (isLoopbackHost(hostname)) return true
  return type === 'ollama' && isPrivateNetworkHost(hostname)
}

/**
 * Whether a provider is a local model, so memories and recall may go to it while "Send memories
 * only to local models" is on: the offline engine; any provider whose base URL is this machine;
 * Ollama also on the user's own network (a home server), but not on a public host such as
 * Ollama's cloud. A base URL that cannot be read is not local.
 */
export function isLocalProvider(config: ProviderConfig | { type: 'offline' }): boolean {
  if (config.type === 'offline') return true
  try {
    return isLocalEndpoint(config.type, baseUrlOf(config))
  } catch {
    return false
  }
}

/** isLocalProvider for a registered provider: the offline engine, or its configured base URL. */
export function isLocalChatProvider(provider: Pick<ChatProvider, 'kind' | 'baseUrl'>): boolean {
  if (provider.kind === 'offline') return true
  return provider.baseUrl !== undefined && isLocalEndpoint(provider.kind, provider.baseUrl)
}
