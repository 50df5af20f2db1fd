import { z } from 'zod'
import { MAX_ATTACHMENTS_PER_MESSAGE, StagedIdSchema } from '../attachments'
import { MessageSchema, PatternSchema, UncertaintyLevelSchema } from '../domain'
import { ContextEstimateInputSchema, ContextEstimateSchema, ContextViewSchema } from './chatContext'
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
        /** This turn only; otherwise the session's provider, else the default. */
        providerId: Id.optional(),
        /**
         * Staged attachments (attachments.begin/chunk/finish), in order. More than
         * MAX_ATTACHMENTS_PER_MESSAGE pass the schema so the service answers TOO_MANY_ATTACHMENTS.
         */
        attachments: z
          .array(StagedIdSchema)
          .max(MAX_ATTACHMENTS_PER_MESSAGE * 10)
          .optional(),
        /** Keep the images on the message but leave them out of the request (MODEL_NO_VISION). */
        withoutImages: z.boolean().optional(),
      })
      .strict(),
    z.object({ requestId: z.string(), userMessage: MessageSchema }),
  ),
  'chat.cancel': route(z.object({ requestId: Id }).strict(), z.object({ cancelled: z.boolean() })),
  /** "What the model saw" for one reply. */
  'chat.context': route(z.object({ sessionId: Id, messageId: Id }).strict(), ContextViewSchema),
  /** The composer's context meter: tokens the next turn would use, and the window. */
  'chat.contextEstimate': route(ContextEstimateInputSchema, ContextEstimateSchema),
} as const
