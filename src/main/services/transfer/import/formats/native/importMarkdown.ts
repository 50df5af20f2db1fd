import { z } from 'zod'
import type { Message } from '../../../../../../shared/domain'
import {
  MessageMetadataSchema,
  MessageStatusSchema,
  PatternSchema,
  RoleSchema,
  UncertaintyLevelSchema,
} from '../../../../../../shared/domain'
import type { ParsedSession } from '../../importShared'
import {
  invalidImport,
  isoTimestamp,
  nativeMessage,
  nativeParsedSession,
  parseOrInvalid,
  SAFE_SESSION_ID,
} from '../../importShared'
import { MESSAGE_COMMENT, SESSION_COMMENT } from '../../../export/markdownMeta'
import { NativeAttachmentSchema, nativePendingFiles } from './nativeAttachments'

const SessionMetaSchema = z.object({
  version: z.literal(1),
  id: z.string().regex(SAFE_SESSION_ID, 'not a valid session id'),
  title: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archived: z.boolean(),
  metadata: z.record(z.string(), z.unknown()),
})

const MessageMetaSchema = z.object({
  id: z.string().min(1).max(200),
  role: RoleSchema,
  createdAt: z.string(),
  pattern: PatternSchema.nullable(),
  uncertainty: UncertaintyLevelSchema.nullable(),
  sensitive: z.boolean(),
  status: MessageStatusSchema,
  provider: z.string().nullable(),
  model: z.string().nullable(),
  metadata: MessageMetadataSchema,
  length: z.number().int().nonnegative(),
  attachments: z.array(NativeAttachmentSchema).optional(),
})

const SESSION_LINE = new RegExp(`^<!-- ${SESSION_COMMENT} (.*) -->$`, 'm')
const MESSAGE_START = `\n<!-- ${MESSAGE_COMMENT} `
const COMMENT_END = ' -->\n'
const MESSAGE_COUNT = /^- \*\*Messages\*\*: (\d+)$/m

export function isActiveMirrorMarkdown(text: string): boolean {
  return SESSION_LINE.test(text)
}

function parseComment<T>(schema: z.ZodType<T>, json: string, what: string): T {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    throw invalidImport(`the ${what} comment is damaged (not JSON)`)
  }
  return parseOrInvalid(schema, value, `ActiveMirror Markdown ${what}`)
}

const edited = (n: number) =>
  invalidImport(
    `message ${n} does not match its hidden details; the Markdown was edited after export`,
  )

/** Message text whose hidden comment was removed would otherwise be dropped without a word. */
function checkAllFound(header: string, rest: string, found: number): void {
  const count = MESSAGE_COUNT.exec(header)?.[1]
  if (count !== undefined && Number(count) !== found) {
    throw invalidImport(
      `the file lists ${count} messages but ${found} have their hidden details; the Markdown was edited after export`,
    )
  }
  if (found === 0 && !/^\s*(?:---\s*)?$/.test(rest)) {
    throw invalidImport(
      'found message text but no messages (no hidden message details); the Markdown was edited after export',
    )
  }
}

/** ActiveMirror's own Markdown export (exportMarkdown.ts): every field comes back as it was. */
export function importActiveMirrorMarkdown(text: string): ParsedSession {
  const sessionMatch = SESSION_LINE.exec(text)
  if (!sessionMatch) throw invalidImport('the ActiveMirror session comment is missing')
  const meta = parseComment(SessionMetaSchema, sessionMatch[1]!, 'session')
  const messages: Message[] = []
  const refs: Array<{ id: string; attachments?: z.infer<typeof NativeAttachmentSchema>[] }> = []
  let at = sessionMatch.index + sessionMatch[0].length
  for (;;) {
    const start = text.indexOf(MESSAGE_START, at)
    if (start < 0) break
    const n = messages.length + 1
    const jsonStart = start + MESSAGE_START.length
    const commentEnd = text.indexOf(COMMENT_END, jsonStart)
    if (commentEnd < 0) throw edited(n)
    const m = parseComment(MessageMetaSchema, text.slice(jsonStart, commentEnd), 'message')
    const headingStart = commentEnd + COMMENT_END.length
    const headingEnd = text.indexOf('\n', headingStart)
    if (!text.startsWith('### ', headingStart) || text[headingEnd + 1] !== '\n') throw edited(n)
    const contentStart = headingEnd + 2
    const contentEnd = contentStart + m.length
    if (!text.startsWith('\n\n*', contentEnd)) throw edited(n)
    const content = text.slice(contentStart, contentEnd)
    messages.push(
      nativeMessage(m, meta.id, content, isoTimestamp(m.createdAt, `message ${n} createdAt`)),
    )
    refs.push(m)
    at = contentEnd
  }
  checkAllFound(text.slice(0, sessionMatch.index), text.slice(at), messages.length)
  return { ...nativeParsedSession(meta, messages), ...nativePendingFiles(refs) }
}
