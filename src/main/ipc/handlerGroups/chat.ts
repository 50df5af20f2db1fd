import type { ChatListener } from '../../services/contracts'
import type { Mirror } from '../../mirrorApi'
import type { HandlerGroup } from '../handlers'
import type { RequestContext } from '../requestContext'

/** Forwards a chat request's stream to the window or socket that asked for it. */
export function chatListener(ctx: RequestContext): ChatListener {
  return {
    started: (event) => ctx.emit('chat.started', event),
    delta: (event) => ctx.emit('chat.delta', event),
    done: (event) => ctx.emit('chat.done', event),
    error: (event) => ctx.emit('chat.error', event),
    titled: (event) => ctx.emit('sessions.titled', event),
  }
}

export function createChatHandlers(mirror: Mirror): HandlerGroup<'chat.'> {
  return {
    'chat.send': async (input, ctx) => {
      const { requestId, userMessage, completion, titled } = await mirror.chat.send(
        input,
        chatListener(ctx),
      )
      // The outcome reaches the client as chat.done / chat.error events; nothing waits here.
      completion.catch(() => undefined)
      titled.catch(() => undefined)
      return { requestId, userMessage }
    },
    'chat.cancel': async (input) => ({ cancelled: mirror.chat.cancel(input.requestId) }),
    'chat.context': (input) => mirror.chatContext.seen(input.sessionId, input.messageId),
    'chat.contextEstimate': (input) => mirror.chatContext.estimate(input),
  }
}
