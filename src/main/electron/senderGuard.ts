/** Facts about an IPC sender, read from Electron's event by the caller. */
export interface SenderFacts {
  /** URL of the frame that sent the message; null when the frame is gone. */
  frameUrl: string | null
  /** True when the sending frame is its page's top frame (not an iframe). */
  isTopFrame: boolean
  /** Id of the BrowserWindow that hosts the sender, null when it has none. */
  windowId: number | null
}

export interface SenderTrust {
  /** The app origin, e.g. `app://renderer` or the dev server's `http://localhost:5173`. */
  appOrigin: string
  /** Ids of the windows this app created. */
  windowIds: ReadonlySet<number>
}

/**
 * `scheme://host[:port]` of a URL. Node's `URL.origin` is "null" for non-special schemes such as
 * our `app:` protocol, so the origin is rebuilt from its parts.
 */
export function originOf(raw: string): string | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  if (url.host === '') return null
  return `${url.protocol}//${url.host}`
}

/** Only the top frame of one of our windows, showing our own origin, may call the router. */
export function isTrustedSender(facts: SenderFacts, trust: SenderTrust): boolean {
  if (!facts.isTopFrame || facts.frameUrl === null || facts.windowId === null) return false
  if (!trust.windowIds.has(facts.windowId)) return false
  const expected = originOf(trust.appOrigin)
  return expected !== null && originOf(facts.frameUrl) === expected
}
