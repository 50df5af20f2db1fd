/**
 * Unsent drafts in the renderer's own localStorage, one key per session. Nothing here leaves the
 * window: the core never sees a draft until it is sent. Storage may be missing or full (private
 * windows, quota): drafts then live in memory only, which is what they did before.
 */
const PREFIX = 'activemirror.draft.'

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}

/** Every saved draft, by session id. */
export function readSavedDrafts(): Record<string, string> {
  const store = storage()
  const drafts: Record<string, string> = {}
  if (!store) return drafts
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i)
    if (!key?.startsWith(PREFIX)) continue
    const text = store.getItem(key)
    if (text) drafts[key.slice(PREFIX.length)] = text
  }
  return drafts
}

/** Saves `text` for the session, or removes the saved copy when `text` is null or empty. */
export function saveDraft(sessionId: string, text: string | null): void {
  const store = storage()
  if (!store) return
  try {
    if (text) store.setItem(PREFIX + sessionId, text)
    else store.removeItem(PREFIX + sessionId)
  } catch {
    // Full or refused: the draft stays in memory for this page's life.
  }
}
