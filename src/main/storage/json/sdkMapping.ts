import { isDeepStrictEqual } from 'node:util'
import type { Message, MessageMetadata, Session } from '../../../shared/domain'
import { MessageMetadataSchema } from '../../../shared/domain'
import { SdkSessionSchema, describeZodError, isJsonObject, parseJsonObject } from './sdkFormat'
import type { JsonObject, Parsed, SdkMessage } from './sdkFormat'

/**
 * One session as the store holds it: the domain view plus the objects last read from or written
 * to its file, so fields we do not know are merged back on every rewrite.
 */
export interface SessionRecord {
  session: Session
  messages: Message[]
  /** The session object on disk with `messages` emptied; null before the first write. */
  raw: JsonObject | null
  /** Message objects on disk, by message id. */
  rawMessages: Map<string, JsonObject>
}

export const NEW_SESSION_USER_ID = 'anonymous'

const TYPED_METADATA: Record<
  string,
  { safeParse(v: unknown): { success: boolean; data?: unknown } }
> = MessageMetadataSchema.shape

/**
 * Our typed metadata keys (`usage`, `reflection`, `error`) may hold something else in a file
 * another program wrote. Such values stay out of the domain message ("hidden") and are written
 * back verbatim; a value only counts as ours if parsing it loses nothing.
 */
function splitMetadata(metadata: JsonObject): { visible: MessageMetadata; hidden: JsonObject } {
  const visible: JsonObject = {}
  const hidden: JsonObject = {}
  for (const [key, value] of Object.entries(metadata)) {
    const schema = Object.hasOwn(TYPED_METADATA, key) ? TYPED_METADATA[key] : undefined
    const result = schema?.safeParse(value)
    if (result && !(result.success && isDeepStrictEqual(result.data, value))) hidden[key] = value
    else visible[key] = value
  }
  return { visible: MessageMetadataSchema.parse(visible), hidden }
}

function messageFromSdk(m: SdkMessage, sessionId: string): Message {
  return {
    id: m.id,
    sessionId,
    role: m.role,
    content: m.content,
    createdAt: m.timestamp,
    pattern: m.pattern ?? null,
    uncertainty: m.uncertainty ?? null,
    sensitive: m.sensitive ?? false,
    status: m.status ?? 'complete',
    provider: m.provider ?? null,
    model: m.model ?? null,
    metadata: splitMetadata(m.metadata ?? {}).visible,
  }
}

/** Builds the record for `<expectedId>.json`, or says in one line why the file is unusable. */
export function parseSessionFile(text: string, expectedId: string): Parsed<SessionRecord> {
  const parsed = parseJsonObject(text)
  if (!parsed.ok) return parsed
  // The domain view gets its own copy so it never shares objects with the raw file.
  const result = SdkSessionSchema.safeParse(structuredClone(parsed.value))
  if (!result.success) return { ok: false, reason: describeZodError(result.error) }
  const data = result.data
  if (data.id !== expectedId) {
    return { ok: false, reason: `its id "${data.id}" does not match the file name` }
  }
  const rawMessages = new Map<string, JsonObject>()
  for (const raw of parsed.value.messages as JsonObject[]) {
    const id = raw.id as string
    if (rawMessages.has(id)) return { ok: false, reason: `message id "${id}" appears twice` }
    rawMessages.set(id, raw)
  }
  const messages = data.messages.map((m) => messageFromSdk(m, data.id))
  const session: Session = {
    id: data.id,
    title: data.title ?? '',
    createdAt: data.createdAt,
    updatedAt: data.updatedAt,
    messageCount: messages.length,
    archived: data.archived ?? false,
    metadata: data.metadata ?? {},
  }
  return {
    ok: true,
    value: { session, messages, raw: { ...parsed.value, messages: [] }, rawMessages },
  }
}

/** Writes `key` unless the file never had it and the value is our default (keeps SDK files lean). */
function putExtra(
  out: JsonObject,
  raw: JsonObject | null,
  key: string,
  value: unknown,
  byDefault: unknown,
): void {
  if (raw === null || Object.hasOwn(raw, key) || value !== byDefault) out[key] = value
}

/** Leaves an absent or null `metadata` alone while there is nothing to put in it. */
function putMetadata(out: JsonObject, raw: JsonObject | null, metadata: JsonObject): void {
  if (raw === null || Object.keys(metadata).length > 0 || isJsonObject(raw.metadata)) {
    out.metadata = metadata
  }
}

function messageToSdk(m: Message, raw: JsonObject | null): JsonObject {
  const out: JsonObject = raw ? { ...raw } : {}
  out.id = m.id
  out.sessionId = m.sessionId
  out.role = m.role
  out.content = m.content
  out.timestamp = m.createdAt
  const hidden = raw && isJsonObject(raw.metadata) ? splitMetadata(raw.metadata).hidden : {}
  putMetadata(out, raw, { ...hidden, ...m.metadata })
  putExtra(out, raw, 'pattern', m.pattern, null)
  putExtra(out, raw, 'uncertainty', m.uncertainty, null)
  putExtra(out, raw, 'sensitive', m.sensitive, false)
  putExtra(out, raw, 'status', m.status, 'complete')
  putExtra(out, raw, 'provider', m.provider, null)
  putExtra(out, raw, 'model', m.model, null)
  return out
}

/** The file content for a record: the raw object with our current values merged in. */
export function sessionToFile(record: SessionRecord): JsonObject {
  const { session, messages, raw } = record
  const out: JsonObject = raw
    ? { ...raw }
    : // Key order as the SDK writes it, our fields before the long messages array.
      {
        id: session.id,
        title: session.title,
        userId: NEW_SESSION_USER_ID,
        createdAt: session.createdAt,
        updatedAt: session.updatedAt,
        messageCount: messages.length,
      }
  out.id = session.id
  // An SDK session without a title reads as '' and keeps its null until it is renamed.
  if (!(raw && session.title === '' && typeof raw.title !== 'string')) out.title = session.title
  out.createdAt = session.createdAt
  out.updatedAt = session.updatedAt
  out.messageCount = messages.length
  putExtra(out, raw, 'archived', session.archived, false)
  putMetadata(out, raw, session.metadata)
  out.messages = messages.map((m) => messageToSdk(m, record.rawMessages.get(m.id) ?? null))
  return out
}

/** The record after `file` (from sessionToFile) has been written. */
export function recordAfterWrite(
  session: Session,
  messages: Message[],
  file: JsonObject,
): SessionRecord {
  const written = file.messages as JsonObject[]
  return {
    session,
    messages,
    raw: { ...file, messages: [] },
    rawMessages: new Map(written.map((m) => [m.id as string, m])),
  }
}
