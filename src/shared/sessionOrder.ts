/** What the session order looks at. */
export interface SessionSortKey {
  pinned?: boolean
  updatedAt: string
  id: string
}

/**
 * The order of every session list (storage pages, the sidebar): pinned first, then most
 * recently updated first; ties broken by id, descending, so pages never overlap.
 */
export function compareSessionsNewestFirst(a: SessionSortKey, b: SessionSortKey): number {
  const pa = a.pinned === true
  const pb = b.pinned === true
  if (pa !== pb) return pa ? -1 : 1
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? 1 : -1
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}
