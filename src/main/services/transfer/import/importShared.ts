import type { z } from 'zod'
import type { AttachmentRef } from '../../../../shared/attachments'
import type { Message, Session } from '../../../../shared/domain'
import { MirrorError } from '../../../../shared/errors'

/** What every importer produces: a session and its messages, ready for Storage.importSession. */
export interface ParsedSession {
  session: Session
  messages: Message[]
  /** The folder a native export was filed in (by name): the import files it there again. */
  folderName?: string
  /** Files the messages refer to, by message id: stored when the session is (importFiles.ts). */
  files?: Map<string, PendingMessageFiles>
}

/** A file a parsed message refers to, found and stored when the session is stored. */
export type PendingFile =
  /** A native export's reference; `file` is its zip entry (a plain JSON export has none). */
  | { kind: 'native'; ref: AttachmentRef; file?: string; sha256?: string }
  /** A ChatGPT image part: the `file-…` / `file_…` id its asset pointer names. */
  | { kind: 'chatgpt'; assetId: string }

export interface PendingMessageFiles {
  files: PendingFile[]
  /** The message text once the found ChatGPT images are left out (placeholders otherwise). */
  content?(found: ReadonlySet<string>): string
  /** The ChatGPT message's raw `content` that `content()` reads: data, so it can cross threads. */
  chatgptContent?: unknown
}

export const IMPORT_FALLBACK_TITLE = 'Imported session'

export function invalidImport(reason: string): MirrorError {
  return new MirrorError('IMPORT_INVALID', reason)
}

export function unsupportedImport(reason: string): MirrorError {
  return new MirrorError('IMPORT_UNSUPPORTED_FORMAT', reason)
}

/** Parses with a format's schema; the first problem becomes a one-line IMPORT_INVALID reason. */
export function parseOrInvalid<T>(schema: z.ZodType<T>, value: unknown, formatName: string): T {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'the file'
  throw invalidImport(
    `${formatName} session with a bad field: ${where}: ${issue?.message ?? 'invalid'}`,
  )
}

/** Any timestamp with a zone (ISO 8601) → canonical ISO UTC; anything unparseable fails. */
export function isoTimestamp(raw: string, field: string): string {
  const time = Date.parse(raw)
  if (Number.isNaN(time)) throw invalidImport(`${field} is not a valid timestamp: ${raw}`)
  return new Date(time).toISOString()
}

const NAIVE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?$/

/**
 * Python's `datetime.now().isoformat()` has no zone and means the writer's local time: it is
 * read as local time here (the machine importing is assumed to be the one that wrote it).
 * Timestamps that do carry a zone are honoured.
 */
export function localTimestamp(raw: string, field: string): string {
  const m = NAIVE.exec(raw.trim())
  if (!m) return isoTimestamp(raw, field)
  const [, y, mo, d, h, mi, s, frac] = m
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0
  const date = new Date(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s ?? 0),
    ms,
  )
  if (Number.isNaN(date.getTime())) throw invalidImport(`${field} is not a valid timestamp: ${raw}`)
  return date.toISOString()
}

export function checkUniqueMessageIds(messages: Message[]): void {
  const seen = new Set<string>()
  for (const m of messages) {
    if (seen.has(m.id)) throw invalidImport(`message id ${m.id} appears twice`)
    seen.add(m.id)
  }
}

/** Session ids become file names in a JSON store, so imported ones must be plain. */
export const SAFE_SESSION_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$/

/** The message fields ActiveMirror's own exports (JSON and Markdown) carry as they were. */
type NativeMessageFields = Omit<Message, 'sessionId' | 'content' | 'createdAt'>

export function nativeMessage(
  m: NativeMessageFields,
  sessionId: string,
  content: string,
  createdAt: string,
): Message {
  return {
    id: m.id,
    sessionId,
    role: m.role,
    content,
    createdAt,
    pattern: m.pattern,
    uncertainty: m.uncertainty,
    sensitive: m.sensitive,
    status: m.status,
    provider: m.provider,
    model: m.model,
    metadata: m.metadata,
  }
}

/** A session from ActiveMirror's own exports: every field comes back, timestamps normalised. */
export function nativeParsedSession(
  meta: Pick<Session, 'id' | 'title' | 'createdAt' | 'updatedAt' | 'archived' | 'metadata'>,
  messages: Message[],
): ParsedSession {
  checkUniqueMessageIds(messages)
  return {
    session: {
      id: meta.id,
      title: meta.title,
      createdAt: isoTimestamp(meta.createdAt, 'createdAt'),
      updatedAt: isoTimestamp(meta.updatedAt, 'updatedAt'),
      messageCount: messages.length,
      archived: meta.archived,
      metadata: meta.metadata,
    },
    messages,
  }
}
