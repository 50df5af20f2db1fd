import type { Message, Session } from '../shared/domain'
import { PATTERN_INFO } from '../shared/patterns'
import type { CliOutput } from './context'
import { displayWidth, padEndToWidth, truncateToWidth } from './displayWidth'

export function printJson(out: CliOutput, value: unknown): void {
  out.write(`${JSON.stringify(value, null, 2)}\n`)
}

/** A message as `--json` prints it: `attachments` always present (empty: none). */
export function messageJson(
  m: Message,
): Message & { attachments: NonNullable<Message['attachments']> } {
  return { ...m, attachments: m.attachments ?? [] }
}

const pad2 = (n: number): string => String(n).padStart(2, '0')

/** Local time, minute precision: what a person scanning a list needs. */
export function shortTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`
}

/**
 * Left-aligned columns separated by two spaces; the last column is not padded. Widths are
 * terminal columns (CJK and emoji take two), so titles in any script line up. A column with a
 * `maxWidths` entry is cut to that many columns, ending with "…".
 */
export function table(rows: string[][], maxWidths: readonly (number | undefined)[] = []): string {
  const cells = rows.map((row) =>
    row.map((cell, i) => {
      const max = maxWidths[i]
      return max === undefined ? cell : truncateToWidth(cell, max)
    }),
  )
  const widths: number[] = []
  for (const row of cells) {
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell))))
  }
  return cells
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : padEndToWidth(cell, widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}

/** Titles longer than this many columns are cut in tables (the full title is in --json). */
export const TITLE_COLUMNS = 48

export function sessionsTable(sessions: Session[]): string {
  if (sessions.length === 0) return 'No sessions.\n'
  const rows = [['ID', 'TITLE', 'MESSAGES', 'UPDATED', '']]
  for (const s of sessions) {
    rows.push([
      s.id,
      s.title,
      String(s.messageCount),
      shortTime(s.updatedAt),
      [s.pinned ? 'pinned' : '', s.archived ? 'archived' : ''].filter(Boolean).join(', '),
    ])
  }
  return `${table(rows, [undefined, TITLE_COLUMNS])}\n`
}

export function sessionSummary(s: Session): string {
  const marks = [s.pinned && 'pinned', s.archived && 'archived'].filter(Boolean).join(', ')
  return `${s.id}  "${s.title}"${marks ? `  (${marks})` : ''}\n`
}

export function messageHeading(m: Message): string {
  const parts: string[] = [m.role]
  if (m.pattern) parts.push(`${PATTERN_INFO[m.pattern].glyph} ${m.pattern}`)
  if (m.uncertainty && m.uncertainty !== 'none') parts.push(`uncertainty ${m.uncertainty}`)
  if (m.provider) parts.push(m.model ? `${m.provider}/${m.model}` : m.provider)
  if (m.status !== 'complete') parts.push(m.status)
  if (m.versionCount && m.versionCount > 1)
    parts.push(`version ${m.versionIndex}/${m.versionCount}`)
  if (m.sensitive) parts.push('sensitive')
  parts.push(shortTime(m.createdAt))
  return `── ${parts.join(' · ')}`
}

export function sessionDetail(session: Session, messages: Message[]): string {
  const lines = [
    session.title,
    `id: ${session.id}`,
    `created: ${shortTime(session.createdAt)}   updated: ${shortTime(session.updatedAt)}`,
    `messages: ${session.messageCount}${session.archived ? '   archived' : ''}`,
  ]
  for (const m of messages) {
    lines.push('', messageHeading(m), m.content)
    for (const a of m.attachments ?? [])
      lines.push(`[attached: ${a.name}, ${a.mimeType}, ${a.size} bytes, id ${a.id}]`)
  }
  return `${lines.join('\n')}\n`
}
