import { AttachmentRefSchema } from '../../../shared/attachments'
import { MessageSchema, SessionSchema } from '../../../shared/domain'
import type { Message, Session } from '../../../shared/domain'
import { MirrorError } from '../../../shared/errors'

/** A `sessions` row as SQLite returns it. */
export interface SessionRow {
  id: string
  title: string
  created_at: string
  updated_at: string
  message_count: number
  archived: number
  metadata: string
  current_leaf_id?: string | null
  pinned?: number
  folder_id?: string | null
}

/** A `messages` row as SQLite returns it (`seq` is internal and never leaves this folder). */
export interface MessageRow {
  seq: number
  id: string
  session_id: string
  role: string
  content: string
  created_at: string
  pattern: string | null
  uncertainty: string | null
  sensitive: number
  status: string
  provider: string | null
  model: string | null
  metadata: string
  parent_id: string | null
  /** JSON array of attachment references; NULL when the message has none. */
  attachments: string | null
}

/** A message row with its version fields (path listings and versions). */
export interface VersionedMessageRow extends MessageRow {
  version_index: number
  version_count: number
}

function corrupt(table: string, id: string, reason: string): MirrorError {
  return new MirrorError(
    'STORAGE_CORRUPT',
    `A row in ${table} (${id}) cannot be read: ${reason}.`,
    {
      table,
      id,
    },
  )
}

// Metadata is stored verbatim and returned verbatim: it was a valid Message/Session when
// written, and re-validating it here would strip or reject keys the app does not know yet.
function parseMetadata(text: string, table: string, id: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw corrupt(table, id, 'metadata is not valid JSON')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw corrupt(table, id, 'metadata is not an object')
  }
  return value as Record<string, unknown>
}

const MessageFieldsSchema = MessageSchema.omit({ metadata: true })
const SessionFieldsSchema = SessionSchema.omit({ metadata: true })

export function sessionFromRow(row: SessionRow): Session {
  const parsed = SessionFieldsSchema.safeParse({
    id: row.id,
    title: row.title,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    messageCount: row.message_count,
    archived: row.archived === 1,
  })
  if (!parsed.success)
    throw corrupt('sessions', row.id, parsed.error.issues[0]?.message ?? 'invalid')
  return {
    ...parsed.data,
    metadata: parseMetadata(row.metadata, 'sessions', row.id),
    currentLeafId: row.current_leaf_id ?? null,
    pinned: row.pinned === 1,
    folderId: row.folder_id ?? null,
  }
}

export function messageFromRow(row: MessageRow): Message {
  const parsed = MessageFieldsSchema.safeParse({
    id: row.id,
    sessionId: row.session_id,
    role: row.role,
    content: row.content,
    createdAt: row.created_at,
    pattern: row.pattern,
    uncertainty: row.uncertainty,
    sensitive: row.sensitive === 1,
    status: row.status,
    provider: row.provider,
    model: row.model,
  })
  if (!parsed.success)
    throw corrupt('messages', row.id, parsed.error.issues[0]?.message ?? 'invalid')
  const metadata = parseMetadata(row.metadata, 'messages', row.id) as Message['metadata']
  const attachments = parseAttachments(row.attachments, row.id)
  return { ...parsed.data, metadata, ...(attachments && { attachments }), parentId: row.parent_id }
}

const AttachmentRefsSchema = AttachmentRefSchema.array()

function parseAttachments(text: string | null, id: string): Message['attachments'] {
  if (text === null) return undefined
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw corrupt('messages', id, 'attachments is not valid JSON')
  }
  const parsed = AttachmentRefsSchema.safeParse(value)
  if (!parsed.success) throw corrupt('messages', id, 'attachments are not valid')
  return parsed.data
}

export function versionedMessageFromRow(row: VersionedMessageRow): Message {
  return {
    ...messageFromRow(row),
    versionIndex: row.version_index,
    versionCount: row.version_count,
  }
}

/** Named parameters for INSERT/UPDATE of a session. */
export function sessionParams(session: Session): Omit<SessionRow, 'current_leaf_id'> {
  return {
    pinned: session.pinned === true ? 1 : 0,
    folder_id: session.folderId ?? null,
    id: session.id,
    title: session.title,
    created_at: session.createdAt,
    updated_at: session.updatedAt,
    message_count: session.messageCount,
    archived: session.archived ? 1 : 0,
    metadata: JSON.stringify(session.metadata),
  }
}

/**
 * Named parameters for INSERT/UPDATE of a message (without `seq`, which SQLite assigns). The
 * keys' order is insertMessage's column order: it binds `Object.values` of this.
 */
export function messageParams(message: Message): Omit<MessageRow, 'seq' | 'parent_id'> {
  return {
    id: message.id,
    session_id: message.sessionId,
    role: message.role,
    content: message.content,
    created_at: message.createdAt,
    pattern: message.pattern,
    uncertainty: message.uncertainty,
    sensitive: message.sensitive ? 1 : 0,
    status: message.status,
    provider: message.provider,
    model: message.model,
    metadata: JSON.stringify(message.metadata),
    attachments: message.attachments?.length ? JSON.stringify(message.attachments) : null,
  }
}
