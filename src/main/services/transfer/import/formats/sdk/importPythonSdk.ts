import { userIdFromSdk } from '../../../../../formats/sdkMessageFields'
import { z } from 'zod'
import type { ParsedSession } from '../../importShared'
import { SdkMessageSchema, sdkMessages } from './importSdkMessages'
import {
  IMPORT_FALLBACK_TITLE,
  localTimestamp,
  parseOrInvalid,
  SAFE_SESSION_ID,
} from '../../importShared'

const PySessionSchema = z.looseObject({
  id: z.string().regex(SAFE_SESSION_ID, 'not a valid session id'),
  title: z.string().nullish(),
  user_id: z.string().nullish(),
  parent_session_id: z.string().nullish(),
  created_at: z.string(),
  updated_at: z.string().nullish(),
  status: z.string().nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  messages: z.array(SdkMessageSchema),
})

/** An ActiveMirrorOS Python SDK `session.export("json")`: snake_case, naive local timestamps. */
export function importPythonSdk(value: unknown): ParsedSession {
  const raw = parseOrInvalid(PySessionSchema, value, 'ActiveMirrorOS Python SDK')
  const messages = sdkMessages(raw.id, raw.messages, localTimestamp)
  const createdAt = localTimestamp(raw.created_at, 'created_at')
  const metadata: Record<string, unknown> = { ...(raw.metadata ?? {}) }
  const userId = userIdFromSdk(raw.user_id)
  if (userId !== undefined) metadata.userId = userId
  if (raw.parent_session_id) metadata.parentSessionId = raw.parent_session_id
  // `active` and `archived` map onto the archived flag; any other status is kept as it was.
  if (raw.status && raw.status !== 'active' && raw.status !== 'archived')
    metadata.status = raw.status
  return {
    session: {
      id: raw.id,
      title: raw.title || IMPORT_FALLBACK_TITLE,
      createdAt,
      updatedAt: raw.updated_at ? localTimestamp(raw.updated_at, 'updated_at') : createdAt,
      messageCount: messages.length,
      archived: raw.status === 'archived',
      metadata,
    },
    messages,
  }
}
