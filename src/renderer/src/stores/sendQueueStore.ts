import { create } from 'zustand'
import type { SendInput } from './chatStore'
import { subscribe } from './storeEvents'

/** A message written while a reply was still arriving, waiting for its turn. */
export interface QueuedMessage extends SendInput {
  id: number
}

interface SendQueueState {
  /** sessionId → messages in the order they were written. */
  bySession: Record<string, QueuedMessage[]>
  enqueue(sessionId: string, input: SendInput): void
  /** Removes one message (cancelled, or taken to be sent); returns it. */
  remove(sessionId: string, id: number): QueuedMessage | undefined
  /** Removes and returns every message of the session, in order. */
  takeAll(sessionId: string): QueuedMessage[]
}

let nextId = 1

/**
 * Messages queued per session. In memory only: they are the user's words on their way out, and
 * a reload gives them back through the draft (useSendQueue puts anything unsent there).
 */
export const useSendQueueStore = create<SendQueueState>()((set, get) => ({
  bySession: {},

  enqueue(sessionId, input) {
    const message = { ...input, id: nextId++ }
    set((state) => ({
      bySession: {
        ...state.bySession,
        [sessionId]: [...(state.bySession[sessionId] ?? []), message],
      },
    }))
  },

  remove(sessionId, id) {
    const message = get().bySession[sessionId]?.find((m) => m.id === id)
    if (!message) return undefined
    set((state) => ({
      bySession: {
        ...state.bySession,
        [sessionId]: (state.bySession[sessionId] ?? []).filter((m) => m.id !== id),
      },
    }))
    return message
  },

  takeAll(sessionId) {
    const messages = get().bySession[sessionId] ?? []
    set((state) => {
      const bySession = { ...state.bySession }
      delete bySession[sessionId]
      return { bySession }
    })
    return messages
  },
}))

subscribe(
  'session.deleted',
  ({ sessionId }) => void useSendQueueStore.getState().takeAll(sessionId),
)
