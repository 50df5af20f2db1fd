import type { Session } from '../../../shared/domain'
import type {
  AppliedInstructions,
  InstructionPart,
  Persona,
  SessionInstructions,
  SessionPersona,
} from '../../../shared/instructions'
import { SessionInstructionsSchema, SessionPersonaSchema } from '../../../shared/instructions'

export const NO_SESSION_INSTRUCTIONS: SessionInstructions = { text: '', mode: 'add' }

/** `metadata.instructions`; anything missing or malformed reads as none (add mode). */
export function readSessionInstructions(session: Pick<Session, 'metadata'>): SessionInstructions {
  const raw = session.metadata['instructions']
  const stored = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {}
  const parsed = SessionInstructionsSchema.shape
  const text = parsed.text.safeParse(stored['text'])
  const mode = parsed.mode.safeParse(stored['mode'])
  return {
    text: text.success ? text.data : NO_SESSION_INSTRUCTIONS.text,
    mode: mode.success ? mode.data : NO_SESSION_INSTRUCTIONS.mode,
  }
}

/** `metadata.persona`, or null when the session has none (or it cannot be read). */
export function readSessionPersona(session: Pick<Session, 'metadata'>): SessionPersona | null {
  const parsed = SessionPersonaSchema.safeParse(session.metadata['persona'])
  return parsed.success ? parsed.data : null
}

/**
 * What a turn is given, in prompt order: the global instructions, the session's persona, then
 * the session's own. Session instructions in `replace` mode stand alone. Empty texts are left
 * out; null when nothing is left.
 */
export function applyInstructions(
  globalText: string,
  persona: Persona | null,
  session: SessionInstructions,
): AppliedInstructions | null {
  const parts: InstructionPart[] = []
  const replaced = session.mode === 'replace'
  if (!replaced) {
    if (globalText.trim())
      parts.push({ kind: 'global', label: 'Instructions', text: globalText.trim() })
    if (persona?.instructions.trim()) {
      parts.push({ kind: 'persona', label: persona.name, text: persona.instructions.trim() })
    }
  }
  if (session.text.trim()) {
    parts.push({ kind: 'session', label: 'Session instructions', text: session.text.trim() })
  }
  return parts.length > 0 || replaced ? { parts, replaced } : null
}

const HEADINGS: Record<InstructionPart['kind'], (part: InstructionPart) => string> = {
  global: () => 'Instructions from the user (apply them to every reply):',
  persona: (part) => `Persona "${part.label}" (instructions for this conversation):`,
  session: () => 'Instructions for this conversation:',
}

/** The system prompt with the instructions after the reflective base, each under a heading. */
export function withInstructions(base: string, applied: AppliedInstructions | null): string {
  if (!applied || applied.parts.length === 0) return base
  const sections = applied.parts.map((part) => `${HEADINGS[part.kind](part)}\n${part.text}`)
  return [base, ...sections].join('\n\n')
}
