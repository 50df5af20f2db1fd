import { z } from 'zod'
import { SessionSchema } from '../domain'
import {
  PersonaDraftSchema,
  PersonaPatchSchema,
  PersonaSchema,
  SessionInstructionsInputSchema,
  SessionInstructionsViewSchema,
} from '../instructions'
import { IdSchema as Id, route } from './route'

const GlobalInstructions = z.object({ text: z.string() })

/** Settings → Instructions, personas, and each session's instructions (docs/instructions.md). */
export const instructionsRoutes = {
  'instructions.get': route(z.object({}).strict(), GlobalInstructions),
  /** Text longer than MAX_INSTRUCTIONS_CHARS: INSTRUCTIONS_TOO_LONG, nothing changes. */
  'instructions.set': route(
    z.object({ text: z.string().max(100_000) }).strict(),
    GlobalInstructions,
  ),
  'instructions.session': route(
    z.object({ sessionId: Id }).strict(),
    SessionInstructionsViewSchema,
  ),
  'instructions.setSession': route(SessionInstructionsInputSchema, SessionInstructionsViewSchema),
  'personas.list': route(z.object({}).strict(), z.object({ personas: z.array(PersonaSchema) })),
  'personas.add': route(PersonaDraftSchema, PersonaSchema),
  'personas.update': route(z.object({ id: Id, patch: PersonaPatchSchema }).strict(), PersonaSchema),
  'personas.remove': route(z.object({ id: Id }).strict(), z.object({ removed: z.boolean() })),
  /** `personaId: null` leaves the session without a persona. */
  'personas.apply': route(
    z.object({ sessionId: Id, personaId: Id.nullable() }).strict(),
    SessionSchema,
  ),
} as const
