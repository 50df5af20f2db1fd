const REDACTED = '[redacted]'

// Vendors echo partial keys in their error bodies ("Incorrect API key provided: sk-abc…xyz").
const KEY_LIKE = /\b(?:sk|pk|rk|key)-[A-Za-z0-9_*.-]{6,}/g

/** Removes every known secret and anything shaped like an API key from `text`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED)
  }
  return out.replace(KEY_LIKE, REDACTED)
}

/** A base URL as shown to the user: no credentials, no query string. */
export function displayUrl(baseUrl: string): string {
  try {
    const url = new URL(baseUrl)
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/$/, '')}`
  } catch {
    return baseUrl
  }
}
