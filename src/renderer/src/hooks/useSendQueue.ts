import { useEffect } from 'react'
import { useChatStore } from '../stores/chatStore'
import { useDraftStore } from '../stores/draftStore'
import type { QueuedMessage } from '../stores/sendQueueStore'
import { useSendQueueStore } from '../stores/sendQueueStore'

/** Puts queued messages back into their session's draft, in order, so none is lost. */
function giveBack(sessionId: string, messages: QueuedMessage[]): void {
  if (messages.length === 0) return
  const text = messages.map((m) => m.text).join('\n\n')
  useDraftStore.getState().giveBack(
    sessionId,
    text,
    messages.some((m) => m.sensitive),
  )
}

/**
 * Sends queued messages, one per finished reply, in the order they were written: when a
 * session has neither a reply streaming nor a send in flight, its first queued message goes.
 * A send that fails gives that message and every later one back to the draft (sending the
 * later ones first would change the conversation's order). Mounted once, in App.
 */
export function useSendQueue(): void {
  useEffect(() => {
    // Sessions whose queued message is on its way (the chat store's own flags lag behind).
    const sending = new Set<string>()

    async function sendNext(sessionId: string): Promise<void> {
      const [next] = useSendQueueStore.getState().bySession[sessionId] ?? []
      if (!next) return
      sending.add(sessionId)
      useSendQueueStore.getState().remove(sessionId, next.id)
      const { text, pattern, uncertainty, sensitive, attachments } = next
      const sent = await useChatStore
        .getState()
        .send(sessionId, { text, pattern, uncertainty, sensitive, attachments })
      sending.delete(sessionId)
      if (!sent) giveBack(sessionId, [next, ...useSendQueueStore.getState().takeAll(sessionId)])
      else run()
    }

    function run(): void {
      const chat = useChatStore.getState()
      for (const [sessionId, queued] of Object.entries(useSendQueueStore.getState().bySession)) {
        if (queued.length === 0 || sending.has(sessionId)) continue
        if (chat.activeBySession[sessionId] || chat.sending[sessionId]) continue
        void sendNext(sessionId)
      }
    }

    // A reload or a closed window would drop the queue: it goes into the drafts first.
    function onPageHide(): void {
      const { bySession, takeAll } = useSendQueueStore.getState()
      for (const sessionId of Object.keys(bySession)) giveBack(sessionId, takeAll(sessionId))
    }

    const offChat = useChatStore.subscribe(run)
    const offQueue = useSendQueueStore.subscribe(run)
    window.addEventListener('pagehide', onPageHide)
    run()
    return () => {
      offChat()
      offQueue()
      window.removeEventListener('pagehide', onPageHide)
    }
  }, [])
}
