import type { Mirror } from '../../mirrorApi'
import type { HandlerGroup } from '../handlers'
import { chatListener } from './chat'

/** Message actions; edit and regenerate stream their reply as chat.* events, like chat.send. */
export function createMessageHandlers(mirror: Mirror): HandlerGroup<'messages.'> {
  return {
    'messages.edit': async (input, ctx) => {
      const { requestId, userMessage, completion } = await mirror.messages.edit(
        input,
        chatListener(ctx),
      )
      // The outcome reaches the client as chat.done / chat.error events; nothing waits here.
      completion.catch(() => undefined)
      return { requestId, userMessage }
    },
    'messages.regenerate': async (input, ctx) => {
      const { requestId, completion } = await mirror.messages.regenerate(input, chatListener(ctx))
      completion.catch(() => undefined)
      return { requestId }
    },
    'messages.versions': (input) => mirror.messages.versions(input.messageId),
    'messages.switch': (input) => mirror.messages.switch(input.messageId),
    'messages.delete': (input) => mirror.messages.delete(input.messageId),
    'messages.undoDelete': async (input) =>
      (await mirror.messages.undoDelete(input.undoToken)).session,
    'messages.branch': (input) => mirror.messages.branch(input.messageId),
  }
}
