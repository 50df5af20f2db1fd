const PREFIX = '#session='

/** The link a session item points to; the same fragment reopens the session after a reload. */
export function sessionHref(id: string): string {
  return `${PREFIX}${encodeURIComponent(id)}`
}

export function sessionFromHash(hash: string): string | null {
  if (!hash.startsWith(PREFIX)) return null
  const id = decodeURIComponent(hash.slice(PREFIX.length))
  return id || null
}

/** Keeps the address bar in step with the open session without adding history entries. */
export function rememberSession(id: string | null): void {
  const { pathname, search } = window.location
  window.history.replaceState(
    window.history.state,
    '',
    `${pathname}${search}${id ? sessionHref(id) : ''}`,
  )
}
