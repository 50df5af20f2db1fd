import { z } from 'zod'
import type { Message } from '../../../shared/domain'
import { RoleSchema } from '../../../shared/domain'
import { importMetadata } from './importMetadata'
import type { ParsedSession } from './importShared'
import {
  checkUniqueMessageIds,
  IMPORT_FALLBACK_TITLE,
  isoTimestamp,
  parseOrInvalid,
  SAFE_SESSION_ID,
  sdkMessageExtras,
} from './importShared'

const JsMessageSchema = z.looseObject({
  id: z.string().min(1).max(200),
  role: RoleSchema,
  content: z.string(),
  timestamp: z.string(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
})

const JsSessionSchema = z.looseObject({
  id: z.string().regex(SAFE_SESSION_ID, 'not a valid session id'),
  title: z.string().nullish(),
  userId: z.string().nullish(),
  createdAt: z.string(),
  updatedAt: z.string().nullish(),
  messageCount: z.number().optional(),
  messages: z.array(JsMessageSchema),
})

// Fields the SDK session object defines; anything else is kept in metadata.sdkFields.
const KNOWN = new Set([
  'id',
  'title',
  'userId',
  'createdAt',
  'updatedAt',
  'messageCount',
  'messages',
])

/** An ActiveMirrorOS JS SDK session (a store's `<id>.json` or `session.export('json')`). */
export function importJsSdk(value: unknown): ParsedSession {
  const raw = parseOrInvalid(JsSessionSchema, value, 'ActiveMirrorOS JS SDK')
  const messages: Message[] = raw.messages.map((m, i) => {
    const metadata = importMetadata(m.metadata ?? {})
    return {
      id: m.id,
      sessionId: raw.id,
      role: m.role,
      content: m.content,
      createdAt: isoTimestamp(m.timestamp, `messages.${i}.timestamp`),
      ...sdkMessageExtras(metadata),
      metadata,
    }
  })
  checkUniqueMessageIds(messages)
  const createdAt = isoTimestamp(raw.createdAt, 'createdAt')
  const extra = Object.fromEntries(Object.entries(raw).filter(([key]) => !KNOWN.has(key)))
  const metadata: Record<string, unknown> = {}
  if (raw.userId) metadata.userId = raw.userId
  if (Object.keys(extra).length > 0) metadata.sdkFields = extra
  return {
    session: {
      id: raw.id,
      title: raw.title || IMPORT_FALLBACK_TITLE,
      createdAt,
      updatedAt: raw.updatedAt ? isoTimestamp(raw.updatedAt, 'updatedAt') : createdAt,
      messageCount: messages.length,
      archived: false,
      metadata,
    },
    messages,
  }
}
