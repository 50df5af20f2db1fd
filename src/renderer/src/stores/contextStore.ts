import { create } from 'zustand'
import type { ContextView } from '../../../shared/routeGroups/chatContext'
import { request } from '../bridge/bridgeClient'
import type { UserError } from '../lib/userError'

interface ContextState {
  /** The reply whose context the dialog shows. */
  target: { sessionId: string; messageId: string } | null
  view: ContextView | null
  error: UserError | null
  show(sessionId: string, messageId: string): Promise<void>
  close(): void
}

/** "What the model saw": one dialog at a time, loaded on demand from main. */
export const useContextStore = create<ContextState>()((set, get) => ({
  target: null,
  view: null,
  error: null,
  async show(sessionId, messageId) {
    set({ target: { sessionId, messageId }, view: null, error: null })
    const result = await request('chat.context', { sessionId, messageId })
    // The dialog may have been closed or pointed elsewhere meanwhile.
    if (get().target?.messageId !== messageId) return
    if (result.ok) set({ view: result.data })
    else set({ error: result.error })
  },
  close() {
    set({ target: null, view: null, error: null })
  },
}))
