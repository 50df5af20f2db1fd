import { MirrorError } from '../../shared/errors'

/** What the renderer sees in place of a saved password; sent back unchanged, it means "keep it". */
export const PASSWORD_MASK = '********'

export interface SplitUrl {
  /** The URL with no password in it: what the settings file holds. */
  url: string
  password: string | null
}

/** Parses a PostgreSQL URL (postgres:// or postgresql://, with a host); VALIDATION_FAILED otherwise. */
export function parseDatabaseUrl(text: string): URL {
  let parsed: URL
  try {
    parsed = new URL(text.trim())
  } catch {
    throw notADatabaseUrl()
  }
  if ((parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') || !parsed.hostname) {
    throw notADatabaseUrl()
  }
  return parsed
}

// The message never repeats the text: it may hold a password.
function notADatabaseUrl(): MirrorError {
  return new MirrorError(
    'VALIDATION_FAILED',
    'That is not a PostgreSQL URL. It looks like postgres://user:password@host:5432/database.',
  )
}

export function splitPassword(text: string): SplitUrl {
  const parsed = parseDatabaseUrl(text)
  const password = parsed.password ? decodeURIComponent(parsed.password) : null
  parsed.password = ''
  return { url: parsed.toString(), password }
}

export function withPassword(url: string, password: string | null): string {
  const parsed = parseDatabaseUrl(url)
  if (password !== null) parsed.password = encodeURIComponent(password)
  return parsed.toString()
}

/** The URL for the renderer: the password replaced by PASSWORD_MASK; null stays null. */
export function maskedUrl(url: string | null | undefined): string | null {
  if (!url) return null
  try {
    const { url: bare, password } = splitPassword(url)
    return password === null ? bare : withPassword(bare, PASSWORD_MASK)
  } catch {
    return null
  }
}
