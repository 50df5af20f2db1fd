import { z } from 'zod'
import { userIdFromSdk } from '../../../../../formats/sdkMessageFields'
import type { ParsedSession } from '../../importShared'
import { SdkMessageSchema, sdkMessages } from './importSdkMessages'
import {
  IMPORT_FALLBACK_TITLE,
  isoTimestamp,
  parseOrInvalid,
  SAFE_SESSION_ID,
} from '../../importShared'

const JsSessionSchema = z.looseObject({
  id: z.string().regex(SAFE_SESSION_ID, 'not a valid session id'),
  title: z.string().nullish(),
  userId: z.string().nullish(),
  createdAt: z.string(),
  updatedAt: z.string().nullish(),
  messageCount: z.number().optional(),
  messages: z.array(SdkMessageSchema),
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
  const messages = sdkMessages(raw.id, raw.messages, isoTimestamp)
  const createdAt = isoTimestamp(raw.createdAt, 'createdAt')
  const extra = Object.fromEntries(Object.entries(raw).filter(([key]) => !KNOWN.has(key)))
  const metadata: Record<string, unknown> = {}
  const userId = userIdFromSdk(raw.userId)
  if (userId !== undefined) metadata.userId = userId
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
