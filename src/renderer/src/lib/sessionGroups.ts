import type { Session } from '../../../shared/domain'
import { compareSessionsNewestFirst } from '../../../shared/sessionOrder'

/** As main orders a page: pinned first, then most recently updated, then id. */
export const compareSessions: (a: Session, b: Session) => number = compareSessionsNewestFirst

const monthFormat = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric' })
const DAY_MS = 24 * 60 * 60 * 1000

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime()
}

/**
 * The sidebar's date group for a session last active at `iso`, in local time: Today,
 * Yesterday, Previous 7 days, then the month ("November 2026").
 */
export function dateGroupOf(iso: string, now = new Date()): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return 'Older'
  const today = startOfDay(now)
  const day = startOfDay(date)
  if (day >= today) return 'Today'
  // Whole calendar days back (a daylight-saving day is 23 or 25 hours: round).
  const back = Math.round((today - day) / DAY_MS)
  if (back === 1) return 'Yesterday'
  if (back <= 7) return 'Previous 7 days'
  return monthFormat.format(date)
}

export interface SessionGroup {
  label: string
  sessions: Session[]
}

/** Pinned sessions, in list order (shown first, in their own group). */
export function pinnedSessions(sessions: Session[]): Session[] {
  return sessions.filter((s) => s.pinned).sort(compareSessions)
}

/**
 * The sessions that are not pinned, by date group, newest first. Sessions filed in one of
 * `folders` are left out (they show in their folder); one whose folder is not among them (a
 * damaged folders file) still shows here rather than nowhere.
 */
export function dateGroups(
  sessions: Session[],
  { folders = new Set(), now = new Date() }: { folders?: ReadonlySet<string>; now?: Date } = {},
): SessionGroup[] {
  const groups: SessionGroup[] = []
  for (const session of [...sessions].sort(compareSessions)) {
    if (session.pinned || (session.folderId && folders.has(session.folderId))) continue
    const label = dateGroupOf(session.updatedAt, now)
    const last = groups[groups.length - 1]
    if (last && last.label === label) last.sessions.push(session)
    else groups.push({ label, sessions: [session] })
  }
  return groups
}
