import { z } from 'zod'
import {
  ContinuityPageSchema,
  DISPLAY_NAME_MAX,
  IdentitySchema,
  MemorySettingsSchema,
  MemoryUsedSchema,
  VerifyResultSchema,
} from '../continuity'
import { SessionSchema } from '../domain'
import { EmptyInputSchema, IdSchema as Id, route } from './route'

/** Identity, the continuity log, memory switches and temporary chats (docs/continuity.md). */
export const continuityRoutes = {
  'identity.get': route(EmptyInputSchema, IdentitySchema),
  'identity.rename': route(
    z.object({ displayName: z.string().max(DISPLAY_NAME_MAX * 4) }).strict(),
    IdentitySchema,
  ),
  /** The timeline, newest first. */
  'continuity.list': route(
    z
      .object({
        limit: z.number().int().min(1).max(500).optional(),
        before: z.number().int().positive().nullable().optional(),
      })
      .strict(),
    ContinuityPageSchema,
  ),
  'continuity.verify': route(EmptyInputSchema, VerifyResultSchema),
  /** Empties the log, leaving one `log.cleared` entry. The UI asks for confirmation first. */
  'continuity.clear': route(
    z.object({ confirm: z.literal(true) }).strict(),
    z.object({ removed: z.number().int().nonnegative() }),
  ),
  'memory.get': route(z.object({ sessionId: Id }).strict(), MemorySettingsSchema),
  'memory.set': route(
    z
      .object({
        sessionId: Id,
        recall: z.boolean().optional(),
        useMemory: z.boolean().optional(),
        excludeFromRecall: z.boolean().optional(),
      })
      .strict(),
    MemorySettingsSchema,
  ),
  /** What this session's replies used (vault memories, recalled messages) and its switches. */
  'memory.used': route(z.object({ sessionId: Id }).strict(), MemoryUsedSchema),
  /** A chat that is never stored or recalled; it lives until `temporaryChat.end` or quit. */
  'temporaryChat.start': route(
    z.object({ useMemory: z.boolean().optional() }).strict(),
    SessionSchema,
  ),
  'temporaryChat.end': route(
    z.object({ sessionId: Id }).strict(),
    z.object({ ended: z.boolean() }),
  ),
} as const
