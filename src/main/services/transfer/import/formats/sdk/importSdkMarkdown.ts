import { MESSAGE_EXTRA_DEFAULTS } from '../../../../../formats/sdkMessageFields'
import type { Message, Role } from '../../../../../../shared/domain'
import { RoleSchema } from '../../../../../../shared/domain'
import type { ParsedSession } from '../../importShared'
import {
  IMPORT_FALLBACK_TITLE,
  invalidImport,
  localTimestamp,
  SAFE_SESSION_ID,
} from '../../importShared'

const FIELD = (name: string) =>
  new RegExp(`^\\s*(?:[-*]\\s+)?\\*\\*${name}\\*\\*:\\s*(.*?)\\s*$`, 'm')
const SESSION_ID = FIELD('Session ID')
// `### 👤 User` (Python), `### 👤 user` (JS), `### system`: an optional emoji, then the role.
const HEADING = /^### (?:([^\s\p{L}\p{N}]+)\s+)?([\p{L}_]+)\s*$/u
const STAMP = /^\*([^*].*)\*$/
// What the SDKs write above the first message: title, `**Field**: value` lines, `## Messages`.
const HEADER_LINE = /^(?:# .*|## Messages\s*|\s*(?:[-*]\s+)?\*\*[^*]+\*\*:.*|\s*)$/

export function isSdkMarkdown(text: string): boolean {
  return SESSION_ID.test(text)
}

interface Block {
  role: Role
  /** The heading's line ending: the SDK wrote the lines around the content with it. */
  eol: string
  /** Raw lines after the heading, each with its own line ending. */
  lines: string[]
  lastText: string | null
}

const withoutEnding = (line: string) => line.replace(/\r?\n$/, '')

/**
 * The role a heading names, parsed with the domain's RoleSchema (any case), or null when the
 * line is not a heading. A heading shaped like the SDKs' (emoji, word) whose word is no role
 * ActiveMirror knows is refused rather than folded into the previous message.
 */
function headingRole(line: string, lineNumber: number): Role | null {
  const match = HEADING.exec(line)
  if (!match) return null
  const role = RoleSchema.safeParse(match[2]!.toLowerCase())
  if (role.success) return role.data
  if (match[1] === undefined) return null
  throw invalidImport(
    `line ${lineNumber}: the heading "${line}" names the role "${match[2]}", which ActiveMirror does not know`,
  )
}

/**
 * Splits at role headings. A heading only starts a message when it is the first one or the
 * previous message ended with its `*timestamp*` line, so content that quotes a heading stays
 * content. Text above the first heading must be the SDK's header: anything else is message text
 * that no heading claims, and importing would lose it.
 */
function blocks(text: string): Block[] {
  const out: Block[] = []
  let current: Block | null = null
  text.split(/(?<=\n)/).forEach((line, i) => {
    const bare = withoutEnding(line)
    const startsMessage = current === null || STAMP.test(current.lastText ?? '')
    const role = startsMessage ? headingRole(bare, i + 1) : null
    if (role) {
      current = { role, eol: line.slice(bare.length), lines: [], lastText: null }
      out.push(current)
    } else if (current) {
      current.lines.push(line)
      if (bare.trim() !== '') current.lastText = bare.trim()
    } else if (!HEADER_LINE.test(bare)) {
      throw invalidImport(
        `found message text but no message heading for it (line ${i + 1}: "${bare.trim().slice(0, 60)}"); each message starts with a heading such as "### 👤 User"`,
      )
    }
  })
  return out
}

/** Content as the SDK wrote it: `heading ⏎ ⏎ content ⏎ ⏎ *timestamp*`; its own line endings kept. */
function messageParts(block: Block, n: number): { content: string; stamp: string } {
  const lines = [...block.lines]
  while (lines.length > 0 && lines.at(-1)!.trim() === '') lines.pop()
  const stamp = STAMP.exec(withoutEnding(lines.pop() ?? '').trim())
  if (!stamp) throw invalidImport(`message ${n} has no *timestamp* line`)
  let content = lines.join('')
  const { eol } = block
  if (eol !== '' && content.startsWith(eol)) content = content.slice(eol.length)
  if (eol !== '' && content.endsWith(eol + eol)) content = content.slice(0, -2 * eol.length)
  else if (eol !== '' && content.endsWith(eol)) content = content.slice(0, -eol.length)
  return { content, stamp: stamp[1]!.trim() }
}

/**
 * ActiveMirrorOS SDK `session.export("markdown")`, Python and JS alike: `# Title`,
 * `**Session ID**:` and `**Created**:` lines, then a heading per message (`### 👤 User` from
 * Python, `### 👤 user` from JS), its content and a `*timestamp*` line. Message ids are not in the
 * file; they are derived from the session id and position, so importing the same file again
 * gives the same ids.
 */
export function importSdkMarkdown(text: string): ParsedSession {
  const id = SESSION_ID.exec(text)?.[1] ?? ''
  if (!SAFE_SESSION_ID.test(id)) throw invalidImport(`the Session ID "${id}" is not a valid id`)
  const title = /^# (.+)$/m.exec(text)?.[1]?.trim() || IMPORT_FALLBACK_TITLE
  const messages: Message[] = blocks(text).map((block, i) => {
    const { content, stamp } = messageParts(block, i + 1)
    return {
      id: `${id}-md${i + 1}`,
      sessionId: id,
      role: block.role,
      content,
      createdAt: localTimestamp(stamp, `message ${i + 1} timestamp`),
      ...MESSAGE_EXTRA_DEFAULTS,
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
