import type { Message, Role, Session } from '../../../../shared/domain'
import { PATTERN_INFO, UNCERTAINTY_LABELS } from '../../../../shared/patterns'
import { readSessionInstructions, readSessionPersona } from '../../instructions/sessionInstructions'
import { formatBytes } from '../../../../shared/formatBytes'
import type { ExportAuthor, ExportedFiles } from './exportJson'
import { messageComment, sessionComment } from './markdownMeta'

// Same headings as the ActiveMirrorOS Python SDK's Markdown export, so both read alike (it has
// no tool or function heading; ours follow its pattern, and its reader accepts any emoji).
export const ROLE_HEADINGS: Record<Role, string> = {
  user: '👤 User',
  assistant: '🤖 Assistant',
  system: '⚙️ System',
  tool: '🛠️ Tool',
  function: '🧩 Function',
}

function heading(m: Message): string {
  const parts = [ROLE_HEADINGS[m.role]]
  if (m.pattern) {
    const info = PATTERN_INFO[m.pattern]
    parts.push(`${info.glyph} ${info.label}`)
  }
  return `### ${parts.join(' · ')}`
}

function details(m: Message): string {
  const parts = [m.createdAt]
  if (m.uncertainty && m.uncertainty !== 'none') {
    parts.push(`uncertainty: ${UNCERTAINTY_LABELS[m.uncertainty]}`)
  }
  if (m.provider) parts.push(m.model ? `${m.provider} (${m.model})` : m.provider)
  if (m.status !== 'complete') parts.push(m.status)
  if (m.sensitive) parts.push('sensitive')
  return `*${parts.join(' · ')}*`
}

/** Says what the file leaves out when the session holds other versions (edits, regenerations). */
function versionsNote(session: Session, written: number): string[] {
  const left = session.messageCount - written
  if (left <= 0) return []
  return [
    `- **Other versions**: this file holds the current path only; ${left} message${left === 1 ? '' : 's'} in other versions (earlier edits and regenerated replies, with what follows them) ${left === 1 ? 'is' : 'are'} not included. Export as JSON to keep every version.`,
  ]
}

/** The session's persona and instructions, quoted, so a reader sees what the model was told. */
function instructionsLines(session: Session): string[] {
  const lines: string[] = []
  const persona = readSessionPersona(session)
  if (persona) lines.push(`- **Persona**: ${persona.name}`)
  const { text, mode } = readSessionInstructions(session)
  if (text.trim()) {
    const how =
      mode === 'replace' ? 'replacing the global instructions' : 'added to the global instructions'
    const quoted = text
      .trim()
      .split('\n')
      .map((line) => (line ? `> ${line}` : '>'))
    lines.push(`- **Session instructions** (${how}):`, '', ...quoted)
  }
  return lines
}

const linkText = (name: string) => name.replace(/([[\]\\])/g, '\\$1')

/**
 * A message's files: in a zip export, links into its `attachments/` folder (images shown
 * inline); otherwise (or when a file could not be read) the name and size only.
 */
function attachmentLines(m: Message, files: ExportedFiles | undefined): string[] {
  if (!m.attachments?.length) return []
  const lines = m.attachments.map((ref) => {
    const file = files?.get(ref.id)?.file
    if (!file) return `- 📎 ${linkText(ref.name)} (${formatBytes(ref.size)})`
    const link = `[${linkText(ref.name)}](${file})`
    return ref.mimeType.startsWith('image/') ? `- !${link}` : `- 📎 ${link}`
  })
  return ['', ...lines]
}

/**
 * Markdown export of the current path (`messages`): message content is written verbatim
 * (glyphs and ⟨…⟩ markers included). HTML comments (invisible when rendered) carry ids and
 * fields, so importing the file gives back the session's current path (importMarkdown.ts).
 */
export function exportMarkdown(
  session: Session,
  messages: Message[],
  author?: ExportAuthor | null,
  files?: ExportedFiles,
): string {
  const lines = [
    `# ${session.title}`,
    '',
    `- **Session ID**: ${session.id}`,
    `- **Created**: ${session.createdAt}`,
    `- **Updated**: ${session.updatedAt}`,
    `- **Messages**: ${messages.length}`,
  ]
  if (author) lines.push(`- **Author**: ${author.displayName}`)
  if (session.archived) lines.push('- **Archived**: yes')
  lines.push(...versionsNote(session, messages.length))
  lines.push(...instructionsLines(session))
  lines.push('', sessionComment(session), '', '---')
  for (const m of messages) {
    // The files after the details line: the import reads exactly `length` of text, then it.
    lines.push('', messageComment(m, files), heading(m), '', m.content, '', details(m))
    lines.push(...attachmentLines(m, files))
  }
  return `${lines.join('\n')}\n`
}
