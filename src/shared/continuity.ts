import { z } from 'zod'
import { ContextSourceUseSchema, IsoDateSchema } from './domain'

/**
 * Continuity contract (docs/continuity.md): the local identity, the continuity log's entries and
 * verification, and the per-session memory switches. Zod only, so main and renderer share it.
 */

export const DISPLAY_NAME_MAX = 80

export const IdentitySchema = z.object({
  id: z.uuid(),
  displayName: z.string().min(1).max(DISPLAY_NAME_MAX),
  createdAt: z.iso.datetime(),
  deviceName: z.string(),
})
export type Identity = z.infer<typeof IdentitySchema>

export const ContinuityEntrySchema = z.object({
  seq: z.number().int().positive(),
  id: z.string(),
  at: z.string(),
  type: z.string(),
  /** What the entry is about (a session id); null for app-wide events. */
  subject: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
})
export type ContinuityEntry = z.infer<typeof ContinuityEntrySchema>

export const BrokenEntrySchema = z.object({ seq: z.number().int(), reason: z.string() })

export const VerifyResultSchema = z.object({
  ok: z.boolean(),
  count: z.number().int().nonnegative(),
  /** Hash of the last entry (null when empty): keep a copy elsewhere to detect truncation. */
  headHash: z.string().nullable(),
  firstBroken: BrokenEntrySchema.optional(),
})
export type VerifyResult = z.infer<typeof VerifyResultSchema>

export const ContinuityPageSchema = z.object({
  /** Newest first. */
  items: z.array(ContinuityEntrySchema),
  /** Pass as `before` for the next (older) page; null at the genesis entry. */
  nextBefore: z.number().int().nullable(),
})
export type ContinuityPage = z.infer<typeof ContinuityPageSchema>

/**
 * Per-session memory switches (`session.metadata.memory`):
 * - recall: add snippets from other sessions to this session's context (default on)
 * - useMemory: "Don't use memory here" when false — no recall and no vault memories (default on)
 * - excludeFromRecall: never offer this session's messages to other sessions (default off)
 */
export const MemorySettingsSchema = z.object({
  recall: z.boolean(),
  useMemory: z.boolean(),
  excludeFromRecall: z.boolean(),
})
export type MemorySettings = z.infer<typeof MemorySettingsSchema>

export const MemorySettingsPatchSchema = MemorySettingsSchema.partial().strict()
export type MemorySettingsPatch = z.infer<typeof MemorySettingsPatchSchema>

/** One vault memory or recalled message the session's replies used, newest use first. */
export const MemoryUseSchema = ContextSourceUseSchema.extend({
  /** How many replies used it. */
  uses: z.number().int().positive(),
  /** The latest reply that used it. */
  replyId: z.string(),
  lastUsedAt: IsoDateSchema,
})
export type MemoryUse = z.infer<typeof MemoryUseSchema>

export const MemoryUsedSchema = z.object({
  settings: MemorySettingsSchema,
  items: z.array(MemoryUseSchema),
  /** True when the session is a temporary chat (never stored, never recalled). */
  temporary: z.boolean(),
})
export type MemoryUsed = z.infer<typeof MemoryUsedSchema>
