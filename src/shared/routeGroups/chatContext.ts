import { z } from 'zod'
import {
  ContextSourceUseSchema,
  PatternSchema,
  SkippedContextSourceSchema,
  WithheldContextSchema,
  RoleSchema,
  UncertaintyLevelSchema,
} from '../domain'
import { AttachmentUseSchema, MAX_ATTACHMENTS_PER_MESSAGE } from '../attachments'
import { AppliedInstructionsSchema } from '../instructions'
import { IdSchema as Id } from './route'

/** "What the model saw" for one reply, rebuilt from its `metadata.context` (no stored text). */
export const ContextViewSchema = z.object({
  messageId: z.string(),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  /** False for replies stored before the context was recorded: only the prompt can be shown. */
  recorded: z.boolean(),
  /**
   * Recomputed from the reply's pattern and uncertainty, with the instructions it was given;
   * memories are listed in `sources`.
   */
  systemPrompt: z.string(),
  /** The instructions the reply was given (already in `systemPrompt`); null when none. */
  instructions: AppliedInstructionsSchema.nullable().optional(),
  messages: z.array(
    z.object({
      id: z.string(),
      role: RoleSchema,
      /** The start of the message (the full text is in the conversation). */
      excerpt: z.string(),
      /** Deleted since, or no longer readable. */
      missing: z.boolean(),
    }),
  ),
  tokens: z.object({ used: z.number(), window: z.number() }).nullable(),
  truncated: z.boolean(),
  tokenizer: z.string().nullable(),
  sources: z.array(ContextSourceUseSchema),
  /** Context sources left out because they were late (absent for older replies). */
  skipped: z.array(SkippedContextSourceSchema).optional(),
  /** Memories and recall withheld because the provider is not local (absent when none were). */
  withheld: WithheldContextSchema.optional(),
  /** Each attachment of the messages above and how it reached the model (native, text, …). */
  attachments: z.array(AttachmentUseSchema),
})
export type ContextView = z.infer<typeof ContextViewSchema>

export const ContextEstimateInputSchema = z
  .object({
    sessionId: Id,
    text: z.string().max(200_000),
    pattern: PatternSchema,
    uncertainty: UncertaintyLevelSchema,
    providerId: Id.optional(),
    /** The composer's staged files (attachments.finish): their tokens are estimated. */
    attachments: z
      .array(z.object({ mimeType: z.string().max(100), size: z.number().int().nonnegative() }))
      .max(MAX_ATTACHMENTS_PER_MESSAGE * 10)
      .optional(),
  })
  .strict()
export type ContextEstimateInput = z.infer<typeof ContextEstimateInputSchema>

export const ContextEstimateSchema = z.object({
  used: z.number(),
  window: z.number(),
  truncated: z.boolean(),
  provider: z.string(),
  model: z.string(),
  tokenizer: z.string(),
  /** Attachments in the context (the draft's and those of earlier messages that fit). */
  attachments: z.number().int().nonnegative(),
})
export type ContextEstimate = z.infer<typeof ContextEstimateSchema>
