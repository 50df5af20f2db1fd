import type { Message, Role } from '../../../shared/domain'
import type { ParsedSession } from './importShared'
import {
  IMPORT_FALLBACK_TITLE,
  invalidImport,
  localTimestamp,
  SAFE_SESSION_ID,
} from './importShared'

const FIELD = (name: string) =>
  new RegExp(`^\\s*(?:[-*]\\s+)?\\*\\*${name}\\*\\*:\\s*(.*?)\\s*$`, 'm')
const SESSION_ID = FIELD('Session ID')
const HEADING = /^### (?:\S+\s+)?(User|Assistant|System)\s*$/
const STAMP = /^\*([^*].*)\*$/

export function isPythonMarkdown(text: string): boolean {
  return SESSION_ID.test(text)
}

interface Block {
  role: Role
  lines: string[]
}

/**
 * Splits at role headings. A heading only starts a message when it is the first one or the
 * previous message ended with its `*timestamp*` line, so content that quotes a heading stays
 * content.
 */
function blocks(lines: string[]): Block[] {
  const out: Block[] = []
  let current: Block | null = null
  for (const line of lines) {
    const heading = HEADING.exec(line)
    const lastText = current?.lines.filter((l) => l.trim() !== '').at(-1)
    if (heading && (current === null || (lastText !== undefined && STAMP.test(lastText)))) {
      current = { role: heading[1]!.toLowerCase() as Role, lines: [] }
      out.push(current)
    } else current?.lines.push(line)
  }
  return out
}

/**
 * ActiveMirrorOS Python SDK `session.export("markdown")`: `# Title`, `**Session ID**:` and
 * `**Created**:` lines, then `### 👤 User` headings, each with its content and `*timestamp*`.
 * Message ids are not in the file; they are derived from the session id and position, so
 * importing the same file again gives the same ids.
 */
export function importPythonMarkdown(text: string): ParsedSession {
  const id = SESSION_ID.exec(text)?.[1] ?? ''
  if (!SAFE_SESSION_ID.test(id)) throw invalidImport(`the Session ID "${id}" is not a valid id`)
  const title = /^# (.+)$/m.exec(text)?.[1]?.trim() || IMPORT_FALLBACK_TITLE
  const lines = text.replace(/\r\n/g, '\n').split('\n')
  const messages: Message[] = blocks(lines).map((block, i) => {
    const body = [...block.lines]
    while (body.length > 0 && body.at(-1)!.trim() === '') body.pop()
    const stamp = STAMP.exec(body.pop() ?? '')
    if (!stamp) throw invalidImport(`message ${i + 1} has no *timestamp* line`)
    if (body.at(-1) === '') body.pop()
    if (body[0] === '') body.shift()
    return {
      id: `${id}-md${i + 1}`,
      sessionId: id,
      role: block.role,
      content: body.join('\n'),
      createdAt: localTimestamp(stamp[1]!.trim(), `message ${i + 1} timestamp`),
      pattern: null,
      uncertainty: null,
      sensitive: false,
      status: 'complete',
      provider: null,
      model: null,
      metadata: {},
    }
  })
  const created = FIELD('Created').exec(text)?.[1]
  const updated = FIELD('Updated').exec(text)?.[1]
  const status = FIELD('Status').exec(text)?.[1]
  const createdAt = created ? localTimestamp(created, 'Created') : (messages[0]?.createdAt ?? null)
  if (createdAt === null) throw invalidImport('no **Created** line and no messages')
  const metadata: Record<string, unknown> = {}
  if (status && status !== 'active' && status !== 'archived') metadata.status = status
  return {
    session: {
      id,
      title,
      createdAt,
      updatedAt: updated
        ? localTimestamp(updated, 'Updated')
        : (messages.at(-1)?.createdAt ?? createdAt),
      messageCount: messages.length,
      archived: status === 'archived',
      metadata,
    },
    messages,
  }
}
