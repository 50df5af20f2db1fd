import { z } from 'zod'
import { AttachmentRefSchema } from '../../shared/attachments'
import { IsoDateSchema } from '../../shared/domain'
import { VaultCategorySchema, VaultValueSchema } from '../../shared/vault'
import type { SensitiveMessage, VaultEntry } from '../../shared/vault'

/**
 * Record plaintexts exactly as formats/vault.md defines them. Tags and "use in conversations"
 * have no field of their own in the format, so they travel inside `metadata` under these keys
 * (reserved: callers' metadata never overrides them).
 */
export const TAGS_KEY = 'tags'
export const USE_IN_CONVERSATIONS_KEY = 'useInConversations'

export const EntryPlaintextSchema = z.object({
  kind: z.literal('entry'),
  key: z.string().min(1),
  value: VaultValueSchema,
  category: VaultCategorySchema,
  metadata: z.record(z.string(), z.unknown()),
  createdAt: IsoDateSchema,
  updatedAt: IsoDateSchema,
})
export type EntryPlaintext = z.infer<typeof EntryPlaintextSchema>

export const MessagePlaintextSchema = z.object({
  kind: z.literal('message'),
  sessionId: z.string().min(1),
  messageId: z.string().min(1),
  content: z.string(),
  /** ActiveMirror's addition: the message's attachment references (docs/attachments.md). */
  attachments: z.array(AttachmentRefSchema).optional(),
})
export type MessagePlaintext = z.infer<typeof MessagePlaintextSchema>

export const RecordPlaintextSchema = z.discriminatedUnion('kind', [
  EntryPlaintextSchema,
  MessagePlaintextSchema,
])
export type RecordPlaintext = z.infer<typeof RecordPlaintextSchema>

/** Sensitive messages live at a record id derived from the message id (not secret: the
 * sessions database holds it too), so they can be found and deleted without scanning. */
export function messageRecordId(messageId: string): string {
  return `message:${messageId}`
}

export function entryToPlaintext(entry: VaultEntry): EntryPlaintext {
  return {
    kind: 'entry',
    key: entry.key,
    value: entry.value,
    category: entry.category,
    metadata: {
      ...entry.metadata,
      [TAGS_KEY]: entry.tags,
      [USE_IN_CONVERSATIONS_KEY]: entry.useInConversations,
    },
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
  }
}

export function plaintextToEntry(plain: EntryPlaintext): VaultEntry {
  const { [TAGS_KEY]: tags, [USE_IN_CONVERSATIONS_KEY]: use, ...metadata } = plain.metadata
  return {
    key: plain.key,
    value: plain.value,
    category: plain.category,
    tags: Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [],
    metadata,
    useInConversations: use === true,
    createdAt: plain.createdAt,
    updatedAt: plain.updatedAt,
  }
}

export function messageToPlaintext(message: SensitiveMessage): MessagePlaintext {
  return { kind: 'message', ...message }
}
