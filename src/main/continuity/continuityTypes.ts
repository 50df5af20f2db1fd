import { z } from 'zod'
import { RoleSchema } from '../../shared/domain'

/**
 * The continuity log's vocabulary (entry types and their data; the entry, page and verify shapes
 * are in src/shared/continuity.ts, shared with the renderer).
 *
 * Entry data is deliberately small and never holds message text or vault content: titles, ids,
 * counts, SHA-256 digests of non-sensitive content. Each type has a strict schema, so a caller
 * cannot slip extra fields (or content) into the log.
 */

export const CONTINUITY_TYPES = [
  'session.created',
  'session.renamed',
  'session.archived',
  'session.unarchived',
  'session.deleted',
  'message.added',
  'message.edited',
  'message.regenerated',
  'message.deleted',
  'message.restored',
  'message.switched',
  'session.branched',
  'vault.entryChanged',
  'vault.restored',
  'memory.changed',
  'import',
  'export',
  'provider.changed',
  'log.cleared',
] as const
export const ContinuityTypeSchema = z.enum(CONTINUITY_TYPES)
export type ContinuityType = z.infer<typeof ContinuityTypeSchema>

export const GENESIS_HASH = '0'.repeat(64)

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/)
const Title = z.string().max(200)
const Id = z.string().min(1).max(200)
const Count = z.number().int().nonnegative()

export const CONTINUITY_DATA_SCHEMAS = {
  'session.created': z.object({ title: Title }).strict(),
  'session.renamed': z.object({ from: Title, to: Title }).strict(),
  'session.archived': z.object({ title: Title }).strict(),
  'session.unarchived': z.object({ title: Title }).strict(),
  'session.deleted': z.object({ title: Title, messageCount: Count }).strict(),
  // Sensitive messages: id and role only. A digest of short plaintext can be confirmed by
  // guessing, so it would leak what the vault protects (docs/continuity.md).
  'message.added': z
    .object({
      messageId: Id,
      role: RoleSchema,
      sensitive: z.boolean(),
      contentSha256: Sha256Hex.optional(),
    })
    .strict()
    .refine((d) => !(d.sensitive && d.contentSha256 !== undefined), {
      message: 'A sensitive message is logged without a content digest.',
    }),
  // The message tree (docs/continuity.md): ids and counts only, never text. `messageId` is the
  // new version, `replacesId` the version it was made from (still stored, no longer current).
  'message.edited': z.object({ messageId: Id, replacesId: Id }).strict(),
  'message.regenerated': z.object({ messageId: Id, replacesId: Id }).strict(),
  'message.deleted': z.object({ messageId: Id, removed: Count }).strict(),
  'message.restored': z.object({ messageId: Id, restored: Count }).strict(),
  'message.switched': z.object({ messageId: Id, leafId: Id.nullable() }).strict(),
  // Subject: the new session.
  'session.branched': z
    .object({ fromSessionId: Id, fromMessageId: Id, messageCount: Count })
    .strict(),
  // No key, value or tags: the key alone can be private ("therapist's name").
  'vault.entryChanged': z
    .object({ action: z.enum(['created', 'updated', 'deleted']), category: z.string().max(40) })
    .strict(),
  'vault.restored': z
    .object({ mode: z.enum(['new', 'merge']), added: Count, updated: Count, kept: Count })
    .strict(),
  // Ids and counts only: a memory's or suggestion's text never enters the log.
  'memory.changed': z
    .object({
      action: z.enum(['accepted', 'rejected', 'edited', 'deleted', 'added', 'imported']),
      memoryId: Id.optional(),
      suggestionId: Id.optional(),
      count: Count,
    })
    .strict(),
  import: z
    .object({
      title: Title,
      messageCount: Count,
      messagesSha256: Sha256Hex,
      format: z.string().max(40).optional(),
    })
    .strict(),
  export: z.object({ format: z.string().max(40), messageCount: Count.optional() }).strict(),
  'provider.changed': z
    .object({
      from: z.string().max(200).nullable(),
      to: z.string().max(200),
      model: z.string().max(200).optional(),
    })
    .strict(),
  'log.cleared': z.object({ removed: Count, previousHead: Sha256Hex.nullable() }).strict(),
} satisfies Record<ContinuityType, z.ZodType>

/** Changes to a session's message tree, recorded by the message actions (messageLogging.ts). */
export type TreeEventType =
  | 'message.edited'
  | 'message.regenerated'
  | 'message.deleted'
  | 'message.restored'
  | 'message.switched'
  | 'session.branched'

export type ContinuityData<T extends ContinuityType> = z.infer<(typeof CONTINUITY_DATA_SCHEMAS)[T]>

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

export {
  BrokenEntrySchema,
  ContinuityEntrySchema,
  ContinuityPageSchema,
  VerifyResultSchema,
} from '../../shared/continuity'
export type { ContinuityEntry, ContinuityPage, VerifyResult } from '../../shared/continuity'
