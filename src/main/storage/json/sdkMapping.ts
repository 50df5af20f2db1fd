import { isDeepStrictEqual } from 'node:util'
import type { Message, MessageMetadata, Session } from '../../../shared/domain'
import { MessageMetadataSchema } from '../../../shared/domain'
import {
  messageExtrasFromSdk,
  SDK_DEFAULT_USER_ID,
  SDK_MIRROR_KEY,
  sdkMirrorOf,
  userIdFromSdk,
  withoutSdkMirror,
} from '../../formats/sdkMessageFields'
import type { MessageExtras } from '../../formats/sdkMessageFields'
import {
  SdkMessageSchema,
  SdkSessionSchema,
  describeZodError,
  isJsonObject,
  parseJsonObject,
} from './sdkFormat'
import type { JsonObject, Parsed, SdkMessage } from './sdkFormat'
import type { ParentKey, StoredMessage } from '../messageTree'
import { sessionFieldsFromSidecar } from './sessionSidecar'
import type { Sidecar } from './sessionSidecar'
import { readTree } from './sidecarTree'
import { attachmentsFromSdk, putAttachments } from './sdkAttachments'

/**
 * One session as the store holds it: the domain view plus the objects last read from or written
 * to its file, so fields we do not know are merged back on every rewrite.
 */
export interface SessionRecord {
  session: Session
  /** Every message, all versions (the file holds the current path, the sidecar the rest). */
  messages: StoredMessage[]
  /** The child each parent used last (MessageTree's choices). */
  choices: Map<ParentKey, string>
  /** Sidecar versions that could not be placed, written back verbatim. */
  strays: unknown[]
  /** The session object on disk with `messages` emptied; null before the first write. */
  raw: JsonObject | null
  /** Message objects on disk (session file or sidecar), by message id. */
  rawMessages: Map<string, JsonObject>
  /** FileStamp key of the file this record was read from or written as. */
  stamp: string | null
  /** The sidecar as last read or written (null: there is none). */
  sidecar: Sidecar | null
  /**
   * Message entries that could not be read, written back verbatim after the message they
   * followed (`after`: its id; null: at the start). One line each in `damage`.
   */
  unreadable: UnreadableMessage[]
  damage: string[]
}

export interface UnreadableMessage {
  after: string | null
  raw: unknown
}

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
  for (const [key, value] of Object.entries(withoutSdkMirror(metadata))) {
    const schema = Object.hasOwn(TYPED_METADATA, key) ? TYPED_METADATA[key] : undefined
    const result = schema?.safeParse(value)
    if (result && !(result.success && isDeepStrictEqual(result.data, value))) hidden[key] = value
    else visible[key] = value
  }
  return { visible: MessageMetadataSchema.parse(visible), hidden }
}

export function messageFromSdk(m: SdkMessage, sessionId: string): Message {
  const attachments = attachmentsFromSdk(m.metadata)
  return {
    id: m.id,
    sessionId,
    role: m.role,
    content: m.content,
    createdAt: m.timestamp,
    ...messageExtrasFromSdk(m, m.metadata),
    metadata: splitMetadata(m.metadata ?? {}).visible,
    ...(attachments && { attachments }),
  }
}

/**
 * Builds the record for `<expectedId>.json`, or says in one line why the file is unusable.
 * `sidecar` restores our session fields when the file lost them (the SDK rewrote it).
 */
export function parseSessionFile(
  text: string,
  expectedId: string,
  sidecar: Sidecar | null = null,
  stamp: string | null = null,
): Parsed<SessionRecord> {
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
  const messages: Message[] = []
  const unreadable: UnreadableMessage[] = []
  const damage: string[] = []
  ;(parsed.value.messages as unknown[]).forEach((raw, i) => {
    const result = SdkMessageSchema.safeParse(structuredClone(raw))
    const id = isJsonObject(raw) && typeof raw.id === 'string' ? raw.id : undefined
    const reason = !result.success
      ? describeZodError(result.error)
      : rawMessages.has(id!)
        ? `its id "${id}" appears earlier in the file`
        : null
    if (reason === null) {
      rawMessages.set(id!, raw as JsonObject)
      messages.push(messageFromSdk(result.data!, data.id))
      return
    }
    unreadable.push({ after: messages.at(-1)?.id ?? null, raw })
    damage.push(
      `message ${i + 1}${id ? ` (${id})` : ''} cannot be read (${reason}); skipped and kept in the file`,
    )
  })
  const { archived, metadata, pinned, folderId } = sessionFieldsFromSidecar(data, sidecar)
  const userId = userIdFromSdk(data.userId)
  const tree = readTree(messages, sidecar?.tree, data.id, messageFromSdk)
  for (const [id, raw] of tree.rawMessages) rawMessages.set(id, raw)
  const session: Session = {
    id: data.id,
    title: data.title ?? '',
    createdAt: data.createdAt,
    updatedAt: data.updatedAt,
    messageCount: tree.messages.length,
    currentLeafId: messages.at(-1)?.id ?? null,
    archived,
    pinned,
    folderId,
    // The SDK's top-level userId reads as metadata.userId, as an import of the same file does.
    metadata:
      userId !== undefined && !Object.hasOwn(metadata, 'userId')
        ? { ...metadata, userId }
        : metadata,
  }
  return {
    ok: true,
    value: {
      session,
      messages: tree.messages,
      choices: tree.choices,
      strays: tree.strays,
      raw: { ...parsed.value, messages: [] },
      rawMessages,
      stamp,
      sidecar,
      unreadable,
      damage: [...damage, ...tree.damage],
    },
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

const extrasOf = (m: Message): MessageExtras => ({
  pattern: m.pattern,
  uncertainty: m.uncertainty,
  sensitive: m.sensitive,
  status: m.status,
  provider: m.provider,
  model: m.model,
})

export function messageToSdk(m: Message, raw: JsonObject | null): JsonObject {
  const out = messageFieldsToSdk(m, raw)
  putAttachments(out, m)
  return out
}

function messageFieldsToSdk(m: Message, raw: JsonObject | null): JsonObject {
  const out: JsonObject = raw ? { ...raw } : {}
  out.id = m.id
  out.sessionId = m.sessionId
  out.role = m.role
  out.content = m.content
  out.timestamp = m.createdAt
  const rawMetadata = raw && isJsonObject(raw.metadata) ? raw.metadata : null
  const hidden = rawMetadata ? splitMetadata(rawMetadata).hidden : {}
  const extras = extrasOf(m)
  // A message whose file already says all of this (an SDK message we never changed, or one the
  // SDK rewrote but kept our copy in metadata) is written back as it was.
  if (raw && isDeepStrictEqual(messageExtrasFromSdk(raw, rawMetadata), extras)) {
    // Our copy, where the file has one, is renewed so it can never disagree with the top level.
    const mirror =
      rawMetadata && Object.hasOwn(rawMetadata, SDK_MIRROR_KEY) ? sdkMirrorOf(extras) : undefined
    putMetadata(out, raw, { ...hidden, ...m.metadata, ...(mirror && { [SDK_MIRROR_KEY]: mirror }) })
    return out
  }
  const mirror = sdkMirrorOf(extras)
  putMetadata(out, raw, { ...hidden, ...m.metadata, ...(mirror && { [SDK_MIRROR_KEY]: mirror }) })
  putExtra(out, raw, 'pattern', m.pattern, null)
  putExtra(out, raw, 'uncertainty', m.uncertainty, null)
  putExtra(out, raw, 'sensitive', m.sensitive, false)
  putExtra(out, raw, 'status', m.status, 'complete')
  putExtra(out, raw, 'provider', m.provider, null)
  putExtra(out, raw, 'model', m.model, null)
  return out
}

/** The file content for a record and its current path: the raw object with our values merged in. */
export function sessionToFile(
  record: Pick<SessionRecord, 'session' | 'raw' | 'rawMessages' | 'unreadable'>,
  messages: readonly Message[],
): JsonObject {
  const { session, raw } = record
  const out: JsonObject = raw
    ? { ...raw }
    : // Key order as the SDK writes it, our fields before the long messages array.
      {
        id: session.id,
        title: session.title,
        userId: SDK_DEFAULT_USER_ID,
        createdAt: session.createdAt,
        updatedAt: session.updatedAt,
        messageCount: messages.length,
      }
  out.id = session.id
  // An SDK session without a title reads as '' and keeps its null until it is renamed.
  if (!(raw && session.title === '' && typeof raw.title !== 'string')) out.title = session.title
  const { userId, ...metadata } = session.metadata
  if (typeof userId === 'string' && userId !== '') out.userId = userId
  out.createdAt = session.createdAt
  out.updatedAt = session.updatedAt
  putExtra(out, raw, 'archived', session.archived, false)
  putMetadata(out, raw, metadata)
  out.messages = withUnreadable(
    messages.map((m) => messageToSdk(m, record.rawMessages.get(m.id) ?? null)),
    record.unreadable,
  )
  // The SDK's count is the length of its array, unreadable entries included.
  out.messageCount = (out.messages as unknown[]).length
  return out
}

/** Puts each unreadable entry back after the message it followed (at the end if that is gone). */
function withUnreadable(written: JsonObject[], unreadable: UnreadableMessage[]): unknown[] {
  if (unreadable.length === 0) return written
  const out: unknown[] = unreadable.filter((u) => u.after === null).map((u) => u.raw)
  const placed = new Set<UnreadableMessage>(unreadable.filter((u) => u.after === null))
  for (const m of written) {
    out.push(m)
    for (const u of unreadable) {
      if (u.after === m.id) {
        out.push(u.raw)
        placed.add(u)
      }
    }
  }
  for (const u of unreadable) if (!placed.has(u)) out.push(u.raw)
  return out
}

/** The record after `file` (from sessionToFile) and `sidecar` have been written. */
export function recordAfterWrite(
  next: Pick<SessionRecord, 'session' | 'messages' | 'choices' | 'strays'>,
  file: JsonObject,
  sidecar: Sidecar | null,
  stamp: string | null,
  previous: Pick<SessionRecord, 'unreadable' | 'damage'> | null,
): SessionRecord {
  const byId = new Set(next.messages.map((m) => m.id))
  const rawMessages = new Map<string, JsonObject>()
  for (const m of sidecar?.tree?.messages ?? []) {
    if (!isJsonObject(m) || typeof m.id !== 'string' || !byId.has(m.id)) continue
    const { parentId: _parent, ...raw } = m
    rawMessages.set(m.id, raw)
  }
  for (const m of file.messages as JsonObject[]) {
    if (byId.has(m.id as string)) rawMessages.set(m.id as string, m)
  }
  return {
    ...next,
    raw: { ...file, messages: [] },
    rawMessages,
    stamp,
    sidecar,
    unreadable: previous?.unreadable ?? [],
    damage: previous?.damage ?? [],
  }
}
