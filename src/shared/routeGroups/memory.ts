import { z } from 'zod'
import {
  MemoryImportReportSchema,
  MemoryPrivacySchema,
  MemoryScopeSchema,
  MemorySchema,
  MemorySuggestionSchema,
  MemoryTextSchema,
  SuggestReportSchema,
} from '../memory'
import { EmptyInputSchema as Empty, IdSchema as Id, route } from './route'

/** An export file's text (memory.import). */
const ExportText = z
  .string()
  .min(1)
  .max(16 * 1024 * 1024)

/** Memory that learns with consent (docs/memory.md). Every route but settings needs the vault open. */
export const memoryRoutes = {
  /** Memories, newest first; with `scope`, only those of exactly that scope. */
  'memory.list': route(
    z.object({ scope: MemoryScopeSchema.optional() }).strict(),
    z.array(MemorySchema),
  ),
  /** A memory the user writes themself. */
  'memory.add': route(
    z.object({ text: MemoryTextSchema, scope: MemoryScopeSchema.optional() }).strict(),
    MemorySchema,
  ),
  /** New text (the old one joins `history`) and/or another scope. */
  'memory.update': route(
    z
      .object({ id: Id, text: MemoryTextSchema.optional(), scope: MemoryScopeSchema.optional() })
      .strict(),
    MemorySchema,
  ),
  'memory.delete': route(z.object({ id: Id }).strict(), z.object({ deleted: z.boolean() })),
  /** Suggestions waiting for review, oldest first. */
  'memory.suggestions.list': route(Empty, z.array(MemorySuggestionSchema)),
  /** "What should I remember?": drafts suggestions from a session now. */
  'memory.suggest': route(z.object({ sessionId: Id }).strict(), SuggestReportSchema),
  /** Accepts a suggestion (with edited text, into a scope; default global) as a memory. */
  'memory.accept': route(
    z
      .object({ id: Id, text: MemoryTextSchema.optional(), scope: MemoryScopeSchema.optional() })
      .strict(),
    MemorySchema,
  ),
  /** Rejects a suggestion: it is never suggested again. */
  'memory.reject': route(z.object({ id: Id }).strict(), z.object({ pending: z.number().int() })),
  'memory.settings.get': route(Empty, MemoryPrivacySchema),
  'memory.settings.set': route(MemoryPrivacySchema.partial().strict(), MemoryPrivacySchema),
  /** The memories as a JSON file (docs/memory.md "Export format"), to download. */
  'memory.export': route(
    Empty,
    z.object({ fileName: z.string(), mimeType: z.string(), content: z.string() }),
  ),
  'memory.import': route(z.object({ content: ExportText }).strict(), MemoryImportReportSchema),
} as const
