/**
 * A database URL split into what the "Database URL" field shows (no password) and the password,
 * which has a field of its own so it is never on screen. Done on the text, not with `URL`:
 * browsers have parsed the userinfo of non-special schemes (postgres://) differently over time.
 */
export interface UrlParts {
  /** The URL without its password (`postgres://user@host:5432/db`). */
  url: string
  /** The password, decoded; '' when the URL has none. */
  password: string
}

const AUTHORITY = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/is

function decoded(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

export function splitDatabaseUrl(text: string): UrlParts {
  const match = AUTHORITY.exec(text)
  if (!match) return { url: text, password: '' }
  const [, scheme, authority, rest] = match as unknown as [string, string, string, string]
  const at = authority.lastIndexOf('@')
  const colon = at < 0 ? -1 : authority.slice(0, at).indexOf(':')
  if (colon < 0) return { url: text, password: '' }
  return {
    url: `${scheme}${authority.slice(0, colon)}${authority.slice(at)}${rest}`,
    password: decoded(authority.slice(colon + 1, at)),
  }
}

/** The URL to send: `url` with `password` put back (encoded); `url` alone when there is none. */
export function joinDatabaseUrl(url: string, password: string): string {
  const match = AUTHORITY.exec(url.trim())
  if (!match || password === '') return url.trim()
  const [, scheme, authority, rest] = match as unknown as [string, string, string, string]
  const at = authority.lastIndexOf('@')
  const user = at < 0 ? '' : authority.slice(0, at)
  const host = at < 0 ? authority : authority.slice(at + 1)
  return `${scheme}${user}:${encodeURIComponent(password)}@${host}${rest}`
}

/** The same database: equal once trimmed, without the password (a new password is not a new database). */
export function sameDatabase(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false
  return splitDatabaseUrl(a.trim()).url === splitDatabaseUrl(b.trim()).url
}
