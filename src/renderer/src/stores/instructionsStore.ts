import { create } from 'zustand'
import type {
  Persona,
  PersonaDraft,
  PersonaPatch,
  SessionInstructionsMode,
  SessionInstructionsView,
} from '../../../shared/instructions'
import { request } from '../bridge/bridgeClient'
import type { UserError } from '../lib/userError'
import { userError } from '../lib/userError'
import { publish } from './storeEvents'

interface InstructionsState {
  /** Settings → Instructions, as main last returned it. */
  globalText: string
  personas: Persona[]
  loaded: boolean
  /** A failed load (a damaged instructions.json), shown in the settings sections. */
  error: UserError | null
  /** Each session's instructions and persona, loaded when its settings dialog opens. */
  bySession: Record<string, SessionInstructionsView>
  load(): Promise<void>
  /** Resolves to the error to show next to the field, or null when saved. */
  setGlobal(text: string): Promise<UserError | null>
  savePersona(draft: PersonaDraft, id: string | null): Promise<UserError | null>
  removePersona(id: string): Promise<UserError | null>
  loadSession(sessionId: string): Promise<UserError | null>
  /** Session instructions and persona from the session settings dialog. */
  saveSession(
    sessionId: string,
    input: { text: string; mode: SessionInstructionsMode; personaId: string | null },
  ): Promise<UserError | null>
}

function patchOf(draft: PersonaDraft): PersonaPatch {
  return {
    name: draft.name,
    instructions: draft.instructions ?? '',
    ...(draft.pattern ? { pattern: draft.pattern } : {}),
    ...(draft.uncertainty ? { uncertainty: draft.uncertainty } : {}),
    providerId: draft.providerId ?? null,
    model: draft.model ?? null,
  }
}

/** Instructions and personas (docs/instructions.md); main keeps them, this is a cache. */
export const useInstructionsStore = create<InstructionsState>()((set, get) => ({
  globalText: '',
  personas: [],
  loaded: false,
  error: null,
  bySession: {},

  async load() {
    const [text, personas] = await Promise.all([
      request('instructions.get', {}),
      request('personas.list', {}),
    ])
    if (!text.ok || !personas.ok) {
      const failed = !text.ok ? text.error : !personas.ok ? personas.error : null
      set({ loaded: true, error: failed ? userError(failed) : null })
      return
    }
    set({ globalText: text.data.text, personas: personas.data.personas, loaded: true, error: null })
  },

  async setGlobal(text) {
    const result = await request('instructions.set', { text })
    if (!result.ok) return userError(result.error)
    set({ globalText: result.data.text })
    return null
  },

  async savePersona(draft, id) {
    const result = id
      ? await request('personas.update', { id, patch: patchOf(draft) })
      : await request('personas.add', draft)
    if (!result.ok) return userError(result.error)
    const saved = result.data
    set((state) => ({
      personas: state.personas.some((p) => p.id === saved.id)
        ? state.personas.map((p) => (p.id === saved.id ? saved : p))
        : [...state.personas, saved],
    }))
    return null
  },

  async removePersona(id) {
    const result = await request('personas.remove', { id })
    if (!result.ok) return userError(result.error)
    set((state) => ({ personas: state.personas.filter((p) => p.id !== id), bySession: {} }))
    return null
  },

  async loadSession(sessionId) {
    const result = await request('instructions.session', { sessionId })
    if (!result.ok) return userError(result.error)
    set((state) => ({ bySession: { ...state.bySession, [sessionId]: result.data } }))
    return null
  },

  async saveSession(sessionId, { text, mode, personaId }) {
    const before = get().bySession[sessionId]
    const currentPersona = before?.persona && !before.persona.removed ? before.persona.id : null
    if (personaId !== currentPersona || (before?.persona?.removed && personaId === null)) {
      const applied = await request('personas.apply', { sessionId, personaId })
      if (!applied.ok) return userError(applied.error)
      // The composer follows the persona's pattern, uncertainty and provider.
      void publish('session.changed', { session: applied.data })
    }
    const result = await request('instructions.setSession', { sessionId, text, mode })
    if (!result.ok) return userError(result.error)
    set((state) => ({ bySession: { ...state.bySession, [sessionId]: result.data } }))
    return null
  },
}))
