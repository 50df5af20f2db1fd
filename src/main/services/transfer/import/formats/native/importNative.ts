import { z } from 'zod'
import type { Message } from '../../../../../../shared/domain'
import {
  MessageMetadataSchema,
  MessageStatusSchema,
  PatternSchema,
  RoleSchema,
  UncertaintyLevelSchema,
} from '../../../../../../shared/domain'
import { NATIVE_FORMAT } from '../../../export/exportJson'
import type { ParsedSession } from '../../importShared'
import {
  invalidImport,
  isoTimestamp,
  nativeMessage,
  nativeParsedSession,
  parseOrInvalid,
  SAFE_SESSION_ID,
} from '../../importShared'

const NativeMessageSchema = z.object({
  id: z.string().min(1).max(200),
  role: RoleSchema,
  content: z.string(),
  timestamp: z.string().optional(),
  createdAt: z.string().optional(),
  metadata: MessageMetadataSchema.default({}),
  pattern: PatternSchema.nullable().default(null),
  uncertainty: UncertaintyLevelSchema.nullable().default(null),
  sensitive: z.boolean().default(false),
  status: MessageStatusSchema.default('complete'),
  provider: z.string().nullable().default(null),
  model: z.string().nullable().default(null),
})

const NativeSessionSchema = z.object({
  format: z.literal(NATIVE_FORMAT),
  version: z.literal(1),
  id: z.string().regex(SAFE_SESSION_ID, 'not a valid session id'),
  title: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archived: z.boolean().default(false),
  metadata: z.record(z.string(), z.unknown()).default({}),
  messages: z.array(NativeMessageSchema),
})

/** ActiveMirror's own export (exportJson.ts): every field comes back as it was. */
export function importNative(value: unknown): ParsedSession {
  const raw = parseOrInvalid(NativeSessionSchema, value, 'ActiveMirror')
  const messages: Message[] = raw.messages.map((m, i) => {
    const stamp = m.timestamp ?? m.createdAt
    if (stamp === undefined) throw invalidImport(`messages.${i}.timestamp is missing`)
    return nativeMessage(m, raw.id, m.content, isoTimestamp(stamp, `messages.${i}.timestamp`))
  })
  return nativeParsedSession(raw, messages)
}
