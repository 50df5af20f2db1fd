import type { ContinuityEntry } from '../../../../shared/continuity'

/** Drawn as <LockIcon/> by the timeline; every other icon is a character DejaVu Sans has. */
export const LOCK = 'lock'

/** An icon (decorative) and a plain label per entry type, for the timeline. */
const LABELS: Record<string, { icon: string; label: string }> = {
  'session.created': { icon: '+', label: 'Session created' },
  'session.renamed': { icon: '✎', label: 'Session renamed' },
  'session.archived': { icon: '▣', label: 'Session archived' },
  'session.unarchived': { icon: '▢', label: 'Session restored' },
  'session.deleted': { icon: '✕', label: 'Session deleted' },
  'message.added': { icon: '✉', label: 'Message added' },
  'message.edited': { icon: '✎', label: 'Message edited' },
  'message.regenerated': { icon: '↻', label: 'Reply regenerated' },
  'message.deleted': { icon: '✕', label: 'Messages deleted' },
  'message.restored': { icon: '↶', label: 'Delete undone' },
  'message.switched': { icon: '⇄', label: 'Version switched' },
  'session.branched': { icon: '⋔', label: 'Session branched' },
  'vault.entryChanged': { icon: LOCK, label: 'Vault entry changed' },
  'vault.restored': { icon: LOCK, label: 'Vault backup restored' },
  'memory.changed': { icon: LOCK, label: 'Memory changed' },
  import: { icon: '⇩', label: 'Imported' },
  export: { icon: '⇧', label: 'Exported' },
  'provider.changed': { icon: '⇄', label: 'Provider changed' },
  'log.cleared': { icon: '∅', label: 'History cleared' },
}

export function entryLabel(type: string): { icon: string; label: string } {
  return LABELS[type] ?? { icon: '•', label: type }
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '')
const count = (value: unknown, noun: string): string => {
  const n = typeof value === 'number' ? value : 0
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

/** One line of detail: titles, roles, formats — the log holds no message text. */
export function entryDetail(entry: ContinuityEntry): string {
  const d = entry.data
  switch (entry.type) {
    case 'session.created':
    case 'session.archived':
    case 'session.unarchived':
      return `“${text(d.title)}”`
    case 'session.renamed':
      return `“${text(d.from)}” → “${text(d.to)}”`
    case 'session.deleted':
      return `“${text(d.title)}”, ${String(d.messageCount ?? 0)} messages`
    case 'message.added':
      return `${text(d.role)}${d.sensitive === true ? ' (sensitive)' : ''}`
    case 'message.deleted':
      return count(d.removed, 'message')
    case 'message.restored':
      return `${count(d.restored, 'message')} back`
    case 'session.branched':
      return `${count(d.messageCount, 'message')} copied`
    case 'vault.entryChanged':
      return `${text(d.action)} in ${text(d.category)}`
    case 'memory.changed':
      return `${text(d.action)}, ${count(d.count, 'memory')}`.replace('memorys', 'memories')
    case 'vault.restored':
      return `${String(d.added ?? 0)} added, ${String(d.updated ?? 0)} updated, ${String(d.kept ?? 0)} kept`
    case 'import':
      return `“${text(d.title)}”, ${String(d.messageCount ?? 0)} messages`
    case 'export':
      return text(d.format)
    case 'provider.changed':
      return `${text(d.from) || 'none'} → ${text(d.to)}${d.model ? ` (${text(d.model)})` : ''}`
    case 'log.cleared':
      return `${String(d.removed ?? 0)} entries removed`
    default:
      return ''
  }
}
