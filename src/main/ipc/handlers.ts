import type { RouteName, RouteOutput, RouteParsedInput } from '../../shared/routes'
import type { ChatListener, Mirror } from '../services/contracts'
import type { RequestContext } from './requestContext'

/** One handler per route: a missing or extra entry is a compile error. */
export type Handlers = {
  [K in RouteName]: (input: RouteParsedInput<K>, ctx: RequestContext) => Promise<RouteOutput<K>>
}

export interface HostInfo {
  host: 'electron' | 'browser'
  version: string
}

/** Forwards a chat request's stream to the window or socket that asked for it. */
function chatListener(ctx: RequestContext): ChatListener {
  return {
    started: (event) => ctx.emit('chat.started', event),
    delta: (event) => ctx.emit('chat.delta', event),
    done: (event) => ctx.emit('chat.done', event),
    error: (event) => ctx.emit('chat.error', event),
  }
}

/** Thin handlers: parse is done by the router, the work by the mirror's services. */
export function createHandlers(mirror: Mirror, info: HostInfo): Handlers {
  return {
    'app.info': async () => {
      const provider = mirror.providers.defaultProvider()
      return {
        version: info.version,
        storage: mirror.storageKind,
        dataDir: mirror.dataDir,
        provider: {
          id: provider.id,
          label: provider.label,
          model: provider.defaultModel,
          offline: provider.kind === 'offline',
        },
        host: info.host,
      }
    },

    'sessions.list': (input) => mirror.sessions.list(input),
    'sessions.create': (input) => mirror.sessions.create(input),
    'sessions.get': (input) => mirror.sessions.get(input.id),
    'sessions.messages': (input) =>
      mirror.sessions.messages(input.id, { limit: input.limit, before: input.before }),
    'sessions.messagesAround': (input) =>
      mirror.sessions.messagesAround(input.id, input.messageId, input.limit),
    'sessions.rename': (input) => mirror.sessions.rename(input.id, input.title),
    'sessions.archive': (input) => mirror.sessions.archive(input.id),
    'sessions.unarchive': (input) => mirror.sessions.unarchive(input.id),
    'sessions.delete': async (input) => {
      await mirror.sessions.delete(input.id)
      return { id: input.id }
    },
    'sessions.setPreferences': (input) =>
      mirror.sessions.setPreferences(input.id, input.preferences),
    'sessions.search': (input) => mirror.sessions.search(input.query, { limit: input.limit }),
    'sessions.export': (input) => mirror.transfer.exportSession(input.id, input.format),

    'import.files': (input) => mirror.transfer.importFiles(input.files),

    'chat.send': async (input, ctx) => {
      const { requestId, userMessage, completion } = await mirror.chat.send(
        input,
        chatListener(ctx),
      )
      // The outcome reaches the client as chat.done / chat.error events; nothing waits here.
      completion.catch(() => undefined)
      return { requestId, userMessage }
    },
    'chat.cancel': async (input) => ({ cancelled: mirror.chat.cancel(input.requestId) }),
  }
}
