import { z } from 'zod'
import { IsoDateSchema } from './domain'

/** Longest memory or suggestion text, in characters: a memory is a sentence or two, not a file. */
export const MEMORY_TEXT_MAX = 2000

export const MemoryTextSchema = z.string().trim().min(1).max(MEMORY_TEXT_MAX)

/**
 * Which conversations a memory joins: every one (`global`), those filed in a folder, those
 * with a persona, or one session only.
 */
export const MemoryScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('global') }).strict(),
  z.object({ kind: z.literal('folder'), id: z.string().min(1).max(200) }).strict(),
  z.object({ kind: z.literal('persona'), id: z.string().min(1).max(200) }).strict(),
  z.object({ kind: z.literal('session'), id: z.string().min(1).max(200) }).strict(),
])
export type MemoryScope = z.infer<typeof MemoryScopeSchema>

/** Where a memory came from: the message it was drafted from (the first, when several). */
export const MemorySourceSchema = z.object({
  sessionId: z.string().min(1),
  messageId: z.string().min(1).optional(),
})
export type MemorySource = z.infer<typeof MemorySourceSchema>

/**
 * A memory. New memories are vault entries of category `memory` (id `mem_…`); an older vault
 * entry marked "Use in conversations" is shown as a global memory with id `vault:<its key>`.
 */
export const MemorySchema = z.object({
  id: z.string().min(1),
  text: z.string(),
  scope: MemoryScopeSchema,
  source: MemorySourceSchema.optional(),
  createdAt: IsoDateSchema,
  updatedAt: IsoDateSchema,
  /** When it last went into a model's context. */
  lastUsedAt: IsoDateSchema.optional(),
  /** Earlier texts replaced by an accepted update or an edit, newest first (at most 10). */
  history: z.array(z.object({ text: z.string(), replacedAt: IsoDateSchema })).optional(),
})
export type Memory = z.infer<typeof MemorySchema>

export const MEMORY_REASONS = ['preference', 'goal', 'name', 'decision', 'fact'] as const
export const MemoryReasonSchema = z.enum(MEMORY_REASONS)
export type MemoryReason = z.infer<typeof MemoryReasonSchema>

/** A candidate memory waiting for the user's review (it is never used until accepted). */
export const MemorySuggestionSchema = z.object({
  id: z.string().min(1),
  text: z.string(),
  sessionId: z.string().min(1),
  /** The user messages it was drafted from. */
  messageIds: z.array(z.string()),
  reason: MemoryReasonSchema,
  /** Who drafted it: the session's model, or the offline heuristics. */
  drafter: z.enum(['model', 'heuristics']),
  /** Set when it repeats or contradicts a memory: accepting it replaces that memory's text. */
  updatesMemoryId: z.string().optional(),
  /** That memory's text now, to show side by side. */
  existingText: z.string().optional(),
  createdAt: IsoDateSchema,
})
export type MemorySuggestion = z.infer<typeof MemorySuggestionSchema>

/** What a `memory.suggest` call drafted, and how many suggestions now wait in all. */
export const SuggestReportSchema = z.object({
  suggestions: z.array(MemorySuggestionSchema),
  drafter: z.enum(['model', 'heuristics', 'none']),
  /** Why nothing was drafted, when so. */
  skipped: z.enum(['temporary', 'memoryOff']).optional(),
  pending: z.number().int().nonnegative(),
})
export type SuggestReport = z.infer<typeof SuggestReportSchema>

/** The global memory switches (memory-settings.json beside the vault). */
export const MemoryPrivacySchema = z.object({
  /** "Send memories only to local models": on by default. */
  localOnly: z.boolean(),
})
export type MemoryPrivacy = z.infer<typeof MemoryPrivacySchema>

export const MEMORY_EXPORT_FORMAT = 'activemirror-memories'
export const MEMORY_EXPORT_VERSION = 1

/** The `memory.export` file (docs/memory.md). */
export const MemoryExportFileSchema = z.object({
  format: z.literal(MEMORY_EXPORT_FORMAT),
  version: z.literal(MEMORY_EXPORT_VERSION),
  exportedAt: IsoDateSchema,
  memories: z.array(z.unknown()),
})

export const MemoryImportReportSchema = z.object({
  added: z.number().int().nonnegative(),
  /** Already present (same id, or the same text once normalized). */
  duplicates: z.number().int().nonnegative(),
  /** Records that could not be read: left out, by position in the file. */
  errors: z.array(z.object({ index: z.number().int().nonnegative(), message: z.string() })),
})
export type MemoryImportReport = z.infer<typeof MemoryImportReportSchema>

/** `activemirror-memories-2026-12-05.json`: the date tells several exports apart. */
export function memoryExportFileName(now: Date): string {
  return `activemirror-memories-${now.toISOString().slice(0, 10)}.json`
}
