import type { Mirror } from '../../mirrorApi'
import type { HandlerGroup } from '../handlers'

export function createInstructionsHandlers(
  mirror: Mirror,
): HandlerGroup<'instructions.'> & HandlerGroup<'personas.'> {
  const api = mirror.instructions
  return {
    'instructions.get': () => api.getGlobal(),
    'instructions.set': (input) => api.setGlobal(input.text),
    'instructions.session': (input) => api.session(input.sessionId),
    'instructions.setSession': (input) =>
      api.setSession(input.sessionId, { text: input.text, mode: input.mode }),
    'personas.list': async () => ({ personas: await api.listPersonas() }),
    'personas.add': (input) => api.addPersona(input),
    'personas.update': (input) => api.updatePersona(input.id, input.patch),
    'personas.remove': async (input) => ({ removed: await api.removePersona(input.id) }),
    'personas.apply': (input) => api.applyPersona(input.sessionId, input.personaId),
  }
}
