import type { ContextSourceUse } from './domain'

/**
 * The uses a reply shows as "Recalled from" chips: one per source session, the first (best
 * ranked) snippet of each, so a session recalled twice is listed once. Memory uses pass through.
 */
export function onePerSession(uses: readonly ContextSourceUse[]): ContextSourceUse[] {
  const sessions = new Set<string>()
  return uses.filter((use) => {
    if (use.kind !== 'recall' || !use.sessionId) return true
    if (sessions.has(use.sessionId)) return false
    sessions.add(use.sessionId)
    return true
  })
}
