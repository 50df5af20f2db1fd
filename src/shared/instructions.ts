import { z } from 'zod'
import { PatternSchema, UncertaintyLevelSchema } from './domain'
import { MAX_INSTRUCTIONS_CHARS, MAX_PERSONA_NAME_CHARS, MAX_PERSONAS } from './instructionLimits'

export { MAX_INSTRUCTIONS_CHARS, MAX_PERSONA_NAME_CHARS, MAX_PERSONAS }

export const InstructionsTextSchema = z.string().max(MAX_INSTRUCTIONS_CHARS)

/** Session instructions come after the others (`add`) or stand alone (`replace`). */
export const SessionInstructionsModeSchema = z.enum(['add', 'replace'])
export type SessionInstructionsMode = z.infer<typeof SessionInstructionsModeSchema>

/** `metadata.instructions` of a session. */
export const SessionInstructionsSchema = z.object({
  text: InstructionsTextSchema,
  mode: SessionInstructionsModeSchema,
})
export type SessionInstructions = z.infer<typeof SessionInstructionsSchema>

/** `metadata.persona` of a session: the name is kept so a removed persona can still be named. */
export const SessionPersonaSchema = z.object({
  id: z.string().min(1).max(200),
  name: z.string().max(MAX_PERSONA_NAME_CHARS),
})
export type SessionPersona = z.infer<typeof SessionPersonaSchema>

export const PersonaNameSchema = z.string().trim().min(1).max(MAX_PERSONA_NAME_CHARS)

export const PersonaSchema = z.object({
  id: z.string().min(1).max(200),
  name: PersonaNameSchema,
  instructions: InstructionsTextSchema,
  pattern: PatternSchema,
  uncertainty: UncertaintyLevelSchema,
  /** A configured provider (or `offline`); the default provider when absent. */
  providerId: z.string().min(1).max(200).optional(),
  /** A model of that provider other than its configured one. */
  model: z.string().trim().min(1).max(200).optional(),
  createdAt: z.string(),
})
export type Persona = z.infer<typeof PersonaSchema>

// Text limits are checked by the service (INSTRUCTIONS_TOO_LONG), so the route accepts more.
const LooseText = z.string().max(MAX_INSTRUCTIONS_CHARS * 4)
const LooseName = z.string().max(MAX_PERSONA_NAME_CHARS * 4)

export const PersonaDraftSchema = z
  .object({
    name: LooseName,
    instructions: LooseText.optional(),
    pattern: PatternSchema.optional(),
    uncertainty: UncertaintyLevelSchema.optional(),
    providerId: z.string().min(1).max(200).optional(),
    model: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
export type PersonaDraft = z.infer<typeof PersonaDraftSchema>

/** `null` clears the provider or model (back to the default provider, its configured model). */
export const PersonaPatchSchema = z
  .object({
    name: LooseName.optional(),
    instructions: LooseText.optional(),
    pattern: PatternSchema.optional(),
    uncertainty: UncertaintyLevelSchema.optional(),
    providerId: z.string().min(1).max(200).nullable().optional(),
    model: z.string().trim().min(1).max(200).nullable().optional(),
  })
  .strict()
export type PersonaPatch = z.infer<typeof PersonaPatchSchema>

export const SessionInstructionsInputSchema = z
  .object({
    sessionId: z.string().min(1).max(200),
    text: LooseText,
    mode: SessionInstructionsModeSchema,
  })
  .strict()

/** A session's instructions and persona as the settings dialog shows them. */
export const SessionInstructionsViewSchema = z.object({
  sessionId: z.string(),
  text: z.string(),
  mode: SessionInstructionsModeSchema,
  /** Null: no persona. `removed`: the persona was deleted since; the session uses none. */
  persona: z.object({ id: z.string(), name: z.string(), removed: z.boolean() }).nullable(),
})
export type SessionInstructionsView = z.infer<typeof SessionInstructionsViewSchema>

export const InstructionPartSchema = z.object({
  kind: z.enum(['global', 'persona', 'session']),
  /** The persona's name for `persona`. */
  label: z.string(),
  text: z.string(),
})
export type InstructionPart = z.infer<typeof InstructionPartSchema>

/**
 * The instructions one turn was given (a reply's `metadata.instructions`), in the order they
 * appear in the system prompt. Kept with the reply so "What the model saw" shows them as they
 * were, even after they are edited.
 */
export const AppliedInstructionsSchema = z.object({
  parts: z.array(InstructionPartSchema),
  /** Set when session instructions replaced the global and persona ones. */
  replaced: z.boolean(),
})
export type AppliedInstructions = z.infer<typeof AppliedInstructionsSchema>
