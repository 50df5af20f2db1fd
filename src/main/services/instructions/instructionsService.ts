import type { Session } from '../../../shared/domain'
import { MirrorError } from '../../../shared/errors'
import type {
  AppliedInstructions,
  Persona,
  PersonaDraft,
  PersonaPatch,
  SessionInstructionsMode,
  SessionInstructionsView,
} from '../../../shared/instructions'
import { SessionInstructionsModeSchema } from '../../../shared/instructions'
import type { ProviderRegistry } from '../../llm/provider'
import type { Storage } from '../../storage/storage'
import type { SessionApi } from '../contracts'
import type { Clock } from '../ids'
import { checkInstructions } from './instructionsStore'
import type { InstructionsStore } from './instructionsStore'
import {
  applyInstructions,
  readSessionInstructions,
  readSessionPersona,
} from './sessionInstructions'

/** Settings → Instructions, personas, and each session's instructions and persona. */
export interface InstructionsApi {
  getGlobal(): Promise<{ text: string }>
  setGlobal(text: string): Promise<{ text: string }>
  listPersonas(): Promise<Persona[]>
  addPersona(draft: PersonaDraft): Promise<Persona>
  updatePersona(id: string, patch: PersonaPatch): Promise<Persona>
  /** Sessions using it keep working: they read as having no persona (shown as removed). */
  removePersona(id: string): Promise<boolean>
  /** A persona by id, or by name (trimmed, case-insensitive): for the CLI. */
  findPersona(idOrName: string): Promise<Persona>
  session(sessionId: string): Promise<SessionInstructionsView>
  setSession(
    sessionId: string,
    input: { text: string; mode: SessionInstructionsMode },
  ): Promise<SessionInstructionsView>
  /**
   * Gives the session the persona (its pattern, uncertainty, provider and model become the
   * session's choices) or, with null, no persona (the choices stay as they are).
   */
  applyPersona(sessionId: string, personaId: string | null): Promise<Session>
  /** sessions.create with a persona applied. */
  createSession(input: { title?: string; personaId: string }): Promise<Session>
  /**
   * The app's "New session" with a persona applied, or (null) without one: a reused empty
   * session that a persona had set up starts afresh (no persona, no preferences).
   */
  createOrReuse(personaId: string | null): Promise<Session>
  /** The instructions a turn in `session` is given (null: none). */
  forTurn(session: Session): Promise<AppliedInstructions | null>
}

export interface InstructionsServiceDeps {
  store: InstructionsStore
  storage: Pick<Storage, 'getSession' | 'updateSession'>
  sessions: Pick<SessionApi, 'create' | 'createOrReuse'>
  providers: ProviderRegistry
  clock: Clock
}

export class InstructionsService implements InstructionsApi {
  constructor(private readonly deps: InstructionsServiceDeps) {}

  async getGlobal(): Promise<{ text: string }> {
    return { text: (await this.deps.store.read()).instructions }
  }

  async setGlobal(text: string): Promise<{ text: string }> {
    return { text: await this.deps.store.setGlobal(text) }
  }

  async listPersonas(): Promise<Persona[]> {
    return (await this.deps.store.read()).personas
  }

  async addPersona(draft: PersonaDraft): Promise<Persona> {
    if (draft.providerId) this.deps.providers.get(draft.providerId)
    return this.deps.store.addPersona(draft, this.deps.clock.now().toISOString())
  }

  async updatePersona(id: string, patch: PersonaPatch): Promise<Persona> {
    if (patch.providerId) this.deps.providers.get(patch.providerId)
    return this.deps.store.updatePersona(id, patch)
  }

  removePersona(id: string): Promise<boolean> {
    return this.deps.store.removePersona(id)
  }

  async findPersona(idOrName: string): Promise<Persona> {
    const personas = await this.listPersonas()
    const wanted = idOrName.trim().toLowerCase()
    const found =
      personas.find((p) => p.id === idOrName) ??
      personas.find((p) => p.name.toLowerCase() === wanted)
    if (!found) {
      throw new MirrorError('NOT_FOUND', `No persona named or with id "${idOrName}".`, {
        persona: idOrName,
      })
    }
    return found
  }

  async session(sessionId: string): Promise<SessionInstructionsView> {
    const [session, settings] = await Promise.all([
      this.deps.storage.getSession(sessionId),
      this.deps.store.read(),
    ])
    return view(session, settings.personas)
  }

  async setSession(
    sessionId: string,
    input: { text: string; mode: SessionInstructionsMode },
  ): Promise<SessionInstructionsView> {
    const mode = SessionInstructionsModeSchema.safeParse(input.mode)
    if (!mode.success || typeof input.text !== 'string') {
      throw new MirrorError(
        'VALIDATION_FAILED',
        'Session instructions are text and add or replace.',
      )
    }
    checkInstructions(input.text, 'Session instructions')
    const { storage, store } = this.deps
    const session = await storage.getSession(sessionId)
    // A setting, not activity: updatedAt stays, so the session list keeps its order.
    const updated = await storage.updateSession(sessionId, {
      metadata: { ...session.metadata, instructions: { text: input.text, mode: mode.data } },
      updatedAt: session.updatedAt,
    })
    return view(updated, (await store.read()).personas)
  }

  async applyPersona(sessionId: string, personaId: string | null): Promise<Session> {
    const { storage, store } = this.deps
    const persona = personaId === null ? null : await store.persona(personaId)
    const session = await storage.getSession(sessionId)
    const { persona: _old, ...rest } = session.metadata
    const metadata = persona
      ? {
          ...rest,
          persona: { id: persona.id, name: persona.name },
          preferences: {
            pattern: persona.pattern,
            uncertainty: persona.uncertainty,
            ...(persona.providerId ? { providerId: persona.providerId } : {}),
            ...(persona.model ? { model: persona.model } : {}),
          },
        }
      : rest
    return storage.updateSession(sessionId, { metadata, updatedAt: session.updatedAt })
  }

  async createSession(input: { title?: string; personaId: string }): Promise<Session> {
    // Checked first, so an unknown persona leaves no session behind.
    const persona = await this.deps.store.persona(input.personaId)
    const session = await this.deps.sessions.create(
      input.title === undefined ? {} : { title: input.title },
    )
    return this.applyPersona(session.id, persona.id)
  }

  async createOrReuse(personaId: string | null): Promise<Session> {
    const persona = personaId === null ? null : await this.deps.store.persona(personaId)
    const session = await this.deps.sessions.createOrReuse()
    if (persona) return this.applyPersona(session.id, persona.id)
    if (session.metadata['persona'] === undefined) return session
    const { persona: _persona, preferences: _preferences, ...rest } = session.metadata
    return this.deps.storage.updateSession(session.id, {
      metadata: rest,
      updatedAt: session.updatedAt,
    })
  }

  async forTurn(session: Session): Promise<AppliedInstructions | null> {
    const settings = await this.deps.store.read()
    const chosen = readSessionPersona(session)
    const persona = chosen ? (settings.personas.find((p) => p.id === chosen.id) ?? null) : null
    return applyInstructions(settings.instructions, persona, readSessionInstructions(session))
  }
}

function view(session: Session, personas: Persona[]): SessionInstructionsView {
  const { text, mode } = readSessionInstructions(session)
  const chosen = readSessionPersona(session)
  const current = chosen ? personas.find((p) => p.id === chosen.id) : undefined
  return {
    sessionId: session.id,
    text,
    mode,
    persona: chosen
      ? { id: chosen.id, name: current?.name ?? chosen.name, removed: current === undefined }
      : null,
  }
}
