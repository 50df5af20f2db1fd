import type { Mirror } from '../../mirrorApi'
import type { HandlerGroup } from '../handlers'
import { startSessionDrag } from './transfer'

export function createSessionHandlers(mirror: Mirror): HandlerGroup<'sessions.'> {
  return {
    'sessions.list': (input) => mirror.sessions.list(input),
    'sessions.create': ({ personaId, ...rest }) =>
      personaId
        ? mirror.instructions.createSession({ ...rest, personaId })
        : mirror.sessions.create(rest),
    // Through the instructions service either way: a reused session a persona set up is reset.
    'sessions.createOrReuse': ({ personaId }) =>
      mirror.instructions.createOrReuse(personaId ?? null),
    'sessions.regenerateTitle': (input) => mirror.titles.regenerate(input.id),
    'sessions.get': (input) => mirror.sessions.get(input.id),
    'sessions.messages': (input) =>
      mirror.sessions.messages(input.id, { limit: input.limit, before: input.before }),
    'sessions.messagesAround': (input) =>
      mirror.sessions.messagesAround(input.id, input.messageId, input.limit),
    'sessions.rename': (input) => mirror.sessions.rename(input.id, input.title),
    'sessions.archive': (input) => mirror.sessions.archive(input.id),
    'sessions.unarchive': (input) => mirror.sessions.unarchive(input.id),
    'sessions.pin': (input) => mirror.folders.pin(input.id),
    'sessions.unpin': (input) => mirror.folders.unpin(input.id),
    'sessions.move': (input) => mirror.folders.move(input.id, input.folderId),
    'sessions.delete': async (input) => {
      await mirror.sessions.delete(input.id)
      return { id: input.id }
    },
    'sessions.setPreferences': (input) =>
      mirror.sessions.setPreferences(input.id, input.preferences),
    'sessions.search': (input) => mirror.sessions.search(input.query, { limit: input.limit }),
    'sessions.export': (input) =>
      mirror.transfer.exportSession(input.id, input.format, {
        includeSensitive: input.includeSensitive,
      }),
    'sessions.exportAll': () => mirror.transfer.exportAll(),
    'sessions.exportZip': (input) =>
      mirror.transfer.exportSessionZip(input.id, input.format, {
        includeSensitive: input.includeSensitive,
      }),
    'sessions.startDrag': (input, ctx) => startSessionDrag(mirror, input, ctx),
  }
}
