import { z } from 'zod'
import {
  MessageMetadataSchema,
  MessageStatusSchema,
  PatternSchema,
  RoleSchema,
  UncertaintyLevelSchema,
} from '../../../../../../shared/domain'
import { NATIVE_FORMAT, NATIVE_VERSIONS_READ } from '../../../export/exportJson'
import type { ParsedSession } from '../../importShared'
import {
  checkUniqueMessageIds,
  invalidImport,
  isoTimestamp,
  nativeMessage,
  nativeParsedSession,
  parseOrInvalid,
  SAFE_SESSION_ID,
} from '../../importShared'
import { NativeAttachmentSchema, nativePendingFiles } from './nativeAttachments'
import type { PlacedMessage } from './nativeTree'
import { treeOrder } from './nativeTree'

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
  // Version 2 (message tree). In `messages`, a message without one follows the one before it.
  parentId: z.string().min(1).nullable().optional(),
  versionIndex: z.number().int().positive().optional(),
  attachments: z.array(NativeAttachmentSchema).optional(),
})
type NativeMessage = z.infer<typeof NativeMessageSchema>

const NativeSessionSchema = z.object({
  format: z.literal(NATIVE_FORMAT),
  version: z
    .number()
    .refine((v) => NATIVE_VERSIONS_READ.includes(v), 'not a version this app reads'),
  id: z.string().regex(SAFE_SESSION_ID, 'not a valid session id'),
  title: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archived: z.boolean().default(false),
  metadata: z.record(z.string(), z.unknown()).default({}),
  messages: z.array(NativeMessageSchema),
  otherVersions: z.array(NativeMessageSchema.required({ parentId: true })).default([]),
  currentLeafId: z.string().min(1).nullable().optional(),
  // Organising (docs/organising.md): a folder is named, since ids differ between stores.
  pinned: z.boolean().default(false),
  folder: z.string().trim().min(1).max(100).optional().catch(undefined),
})

function placed(
  m: NativeMessage,
  sessionId: string,
  where: string,
  parentId: string | null,
): PlacedMessage {
  const stamp = m.timestamp ?? m.createdAt
  if (stamp === undefined) throw invalidImport(`${where}.timestamp is missing`)
  const message = nativeMessage(m, sessionId, m.content, isoTimestamp(stamp, `${where}.timestamp`))
  return { message: { ...message, parentId }, versionIndex: m.versionIndex }
}

/**
 * ActiveMirror's own export (exportJson.ts): every field comes back as it was, and so does the
 * message tree: `messages` (the current path) and `otherVersions`, each message below its
 * `parentId`, versions in `versionIndex` order, `currentLeafId` current. A version 1 file (no
 * `parentId`s) is a chain, as it was written.
 */
export function importNative(value: unknown): ParsedSession {
  const raw = parseOrInvalid(NativeSessionSchema, value, 'ActiveMirror')
  let previous: string | null = null
  const path = raw.messages.map((m, i) => {
    const p = placed(m, raw.id, `messages.${i}`, m.parentId === undefined ? previous : m.parentId)
    previous = m.id
    return p
  })
  const others = raw.otherVersions.map((m, i) =>
    placed(m, raw.id, `otherVersions.${i}`, m.parentId),
  )
  const all = [...path, ...others]
  checkUniqueMessageIds(all.map((p) => p.message))
  const leaf = raw.currentLeafId ?? previous
  if (leaf !== null && !all.some((p) => p.message.id === leaf)) {
    throw invalidImport(`currentLeafId ${leaf} is not a message of the file`)
  }
  const parsed = nativeParsedSession(raw, treeOrder(all))
  return {
    ...parsed,
    session: {
      ...parsed.session,
      pinned: raw.pinned,
      ...(leaf === null ? {} : { currentLeafId: leaf }),
    },
    ...(raw.folder ? { folderName: raw.folder } : {}),
    ...nativePendingFiles([...raw.messages, ...raw.otherVersions]),
  }
}
