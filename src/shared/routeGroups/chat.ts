import { z } from 'zod'
import { MessageSchema, PatternSchema, UncertaintyLevelSchema } from '../domain'
import { IdSchema as Id, route } from './route'

export const chatRoutes = {
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
