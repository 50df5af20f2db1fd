const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' })
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
})
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })

function valid(iso: string): Date | null {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? null : date
}

function sameDay(a: Date, b: Date): boolean {
  return a.toDateString() === b.toDateString()
}

/** Time only for today, date and time otherwise. */
export function formatMessageTime(iso: string, now = new Date()): string {
  const date = valid(iso)
  if (!date) return ''
  return sameDay(date, now) ? timeFormat.format(date) : dateTimeFormat.format(date)
}

/** Sidebar: time for today, date otherwise. */
export function formatSessionDate(iso: string, now = new Date()): string {
  const date = valid(iso)
  if (!date) return ''
  return sameDay(date, now) ? timeFormat.format(date) : dateFormat.format(date)
}

/** Date and time, always (backup times). */
export function formatDateTime(iso: string): string {
  const date = valid(iso)
  return date ? dateTimeFormat.format(date) : ''
}
