import { z } from 'zod'
import {
  MessagePageSchema,
  PatternSchema,
  SearchHitSchema,
  SessionPageSchema,
  SessionSchema,
  UncertaintyLevelSchema,
} from '../domain'
import { IdSchema as Id, LimitSchema as Limit, TitleSchema as Title, route } from './route'

export const SessionPreferencesSchema = z.object({
  pattern: PatternSchema,
  uncertainty: UncertaintyLevelSchema,
  /** This session's provider; the default provider when absent. */
  providerId: z.string().min(1).max(200).optional(),
  /** A model of that provider other than its configured one. */
  model: z.string().trim().min(1).max(200).optional(),
})
export type SessionPreferences = z.infer<typeof SessionPreferencesSchema>

export const ExportFileSchema = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  content: z.string(),
  /** Sensitive messages in the session (their text is included only when asked for). */
  sensitiveMessages: z.number().int().nonnegative().optional(),
})
export type ExportFile = z.infer<typeof ExportFileSchema>

export const sessionRoutes = {
  'sessions.list': route(
    z
      .object({
        archived: z.union([z.boolean(), z.literal('all')]).optional(),
        limit: Limit.optional(),
        cursor: z.string().max(500).nullable().optional(),
        /** Only the sessions filed in this folder; null: only those in no folder. */
        folderId: Id.nullable().optional(),
      })
      .strict(),
    SessionPageSchema,
  ),
  /** With `personaId`, the session starts with that persona (docs/instructions.md). */
  'sessions.create': route(
    z.object({ title: Title.optional(), personaId: Id.optional() }).strict(),
    SessionSchema,
  ),
  /** The app's "New session": the newest untouched empty session, else a new one. */
  'sessions.createOrReuse': route(z.object({ personaId: Id.optional() }).strict(), SessionSchema),
  /** A new automatic title (the session's provider, else the offline engine). */
  'sessions.regenerateTitle': route(z.object({ id: Id }).strict(), SessionSchema),
  'sessions.get': route(z.object({ id: Id }).strict(), SessionSchema),
  'sessions.messages': route(
    z.object({ id: Id, limit: Limit.optional(), before: Id.nullable().optional() }).strict(),
    MessagePageSchema,
  ),
  /** Messages around one message (for jumping to a search hit). */
  'sessions.messagesAround': route(
    z.object({ id: Id, messageId: Id, limit: Limit.optional() }).strict(),
    MessagePageSchema,
  ),
  'sessions.rename': route(z.object({ id: Id, title: Title }).strict(), SessionSchema),
  'sessions.archive': route(z.object({ id: Id }).strict(), SessionSchema),
  'sessions.unarchive': route(z.object({ id: Id }).strict(), SessionSchema),
  /** Pinning and moving are not activity: `updatedAt` (date groups) stays as it was. */
  'sessions.pin': route(z.object({ id: Id }).strict(), SessionSchema),
  'sessions.unpin': route(z.object({ id: Id }).strict(), SessionSchema),
  /** Files the session in a folder; `folderId` null takes it out of any folder. */
  'sessions.move': route(z.object({ id: Id, folderId: Id.nullable() }).strict(), SessionSchema),
  'sessions.delete': route(z.object({ id: Id }).strict(), z.object({ id: z.string() })),
  'sessions.setPreferences': route(
    z.object({ id: Id, preferences: SessionPreferencesSchema }).strict(),
    SessionSchema,
  ),
  'sessions.search': route(
    z.object({ query: z.string().trim().min(1).max(500), limit: Limit.optional() }).strict(),
    z.object({ sessions: z.array(SessionSchema), hits: z.array(SearchHitSchema) }),
  ),
  'sessions.export': route(
    z
      .object({
        id: Id,
        format: z.enum(['json', 'markdown']),
        includeSensitive: z.boolean().optional(),
      })
      .strict(),
    ExportFileSchema,
  ),
} as const
