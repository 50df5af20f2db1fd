import { z } from 'zod'
import {
  MessagePageSchema,
  MessageSchema,
  PatternSchema,
  SearchHitSchema,
  SessionPageSchema,
  SessionSchema,
  UncertaintyLevelSchema,
} from './domain'

const Id = z.string().min(1).max(200)
const Title = z.string().trim().min(1).max(200)
const Limit = z.number().int().min(1).max(500)

export const SessionPreferencesSchema = z.object({
  pattern: PatternSchema,
  uncertainty: UncertaintyLevelSchema,
})
export type SessionPreferences = z.infer<typeof SessionPreferencesSchema>

export const ExportFileSchema = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  content: z.string(),
})
export type ExportFile = z.infer<typeof ExportFileSchema>

export const ImportReportSchema = z.object({
  imported: z.array(z.object({ file: z.string(), sessionId: z.string(), title: z.string() })),
  skipped: z.array(z.object({ file: z.string(), sessionId: z.string(), reason: z.string() })),
  failed: z.array(z.object({ file: z.string(), code: z.string(), reason: z.string() })),
})
export type ImportReport = z.infer<typeof ImportReportSchema>

export const AppInfoSchema = z.object({
  version: z.string(),
  storage: z.enum(['sqlite', 'json', 'memory']),
  dataDir: z.string(),
  provider: z.object({ id: z.string(), label: z.string(), model: z.string(), offline: z.boolean() }),
  host: z.enum(['electron', 'browser']),
})
export type AppInfo = z.infer<typeof AppInfoSchema>

function route<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output }
}

/**
 * The one route table (DESIGN.md §2). Adding a call = an entry here + a handler + a service
 * method + tests; the handler map type below makes a missing or extra handler a compile error.
 */
export const routes = {
  'app.info': route(z.object({}).strict(), AppInfoSchema),

  'sessions.list': route(
    z
      .object({
        archived: z.union([z.boolean(), z.literal('all')]).optional(),
        limit: Limit.optional(),
        cursor: z.string().max(500).nullable().optional(),
      })
      .strict(),
    SessionPageSchema,
  ),
  'sessions.create': route(z.object({ title: Title.optional() }).strict(), SessionSchema),
  'sessions.get': route(z.object({ id: Id }).strict(), SessionSchema),
  'sessions.messages': route(
    z.object({ id: Id, limit: Limit.optional(), before: Id.nullable().optional() }).strict(),
    MessagePageSchema,
  ),
  /** Messages around one message (for jumping to a search hit): up to `limit` ending with it plus newer ones. */
  'sessions.messagesAround': route(
    z.object({ id: Id, messageId: Id, limit: Limit.optional() }).strict(),
    MessagePageSchema,
  ),
  'sessions.rename': route(z.object({ id: Id, title: Title }).strict(), SessionSchema),
  'sessions.archive': route(z.object({ id: Id }).strict(), SessionSchema),
  'sessions.unarchive': route(z.object({ id: Id }).strict(), SessionSchema),
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
    z.object({ id: Id, format: z.enum(['json', 'markdown']) }).strict(),
    ExportFileSchema,
  ),

  'import.files': route(
    z
      .object({
        files: z
          .array(z.object({ name: z.string().max(500), content: z.string().max(50 * 1024 * 1024) }).strict())
          .min(1)
          .max(100),
      })
      .strict(),
    ImportReportSchema,
  ),

  'chat.send': route(
    z
      .object({
        sessionId: Id,
        text: z.string().max(200_000),
        pattern: PatternSchema,
        uncertainty: UncertaintyLevelSchema,
        sensitive: z.boolean().default(false),
      })
      .strict(),
    z.object({ requestId: z.string(), userMessage: MessageSchema }),
  ),
  'chat.cancel': route(z.object({ requestId: Id }).strict(), z.object({ cancelled: z.boolean() })),
} as const

export type Routes = typeof routes
export type RouteName = keyof Routes
export type RouteInput<K extends RouteName> = z.input<Routes[K]['input']>
export type RouteParsedInput<K extends RouteName> = z.output<Routes[K]['input']>
export type RouteOutput<K extends RouteName> = z.output<Routes[K]['output']>

export function isRouteName(name: unknown): name is RouteName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(routes, name)
}
