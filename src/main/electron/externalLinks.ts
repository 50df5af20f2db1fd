const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:'])

/**
 * The URL to hand to the system browser, or null when the link must not leave the app.
 * Only http(s) links, parsed by `new URL()`, without embedded credentials (which are used to
 * disguise the real host, e.g. `https://bank.example@evil.example`).
 */
export function externalUrlToOpen(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 8192) return null
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  if (!EXTERNAL_PROTOCOLS.has(url.protocol)) return null
  if (url.hostname === '') return null
  if (url.username !== '' || url.password !== '') return null
  return url.href
}
