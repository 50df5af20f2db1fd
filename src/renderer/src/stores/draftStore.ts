import { create } from 'zustand'
import { request } from '../bridge/bridgeClient'
import { readSavedDrafts, saveDraft } from '../lib/draftStorage'
import { subscribe } from './storeEvents'

/** What the composer of one session holds before it is sent. */
export interface Draft {
  text: string
  sensitive: boolean
  /**
   * Kept in memory only, never in localStorage: text marked Sensitive belongs in the vault (and
   * localStorage is plain text on disk), and a temporary chat promises to leave nothing behind.
   */
  memoryOnly: boolean
}

interface DraftState {
  drafts: Record<string, Draft>
  setText(sessionId: string, text: string, options?: { memoryOnly?: boolean }): void
  setSensitive(sessionId: string, sensitive: boolean): void
  /** Sent: nothing left to keep. */
  clear(sessionId: string): void
  /** Text that could not be sent comes back, before anything typed since. */
  giveBack(sessionId: string, text: string, sensitive: boolean): void
  /** The session is gone: so is its draft. */
  drop(sessionId: string): void
  /** Drops saved drafts of sessions deleted while this page was closed (e.g. by the CLI). */
  prune(): Promise<void>
}

const EMPTY: Draft = { text: '', sensitive: false, memoryOnly: false }

/** Drafts saved by an earlier page (a reload, a restart), as the store starts with. */
export function savedDrafts(): Record<string, Draft> {
  const drafts: Record<string, Draft> = {}
  for (const [id, text] of Object.entries(readSavedDrafts())) drafts[id] = { ...EMPTY, text }
  return drafts
}

function persist(sessionId: string, draft: Draft | undefined): void {
  const keep = draft && !draft.sensitive && !draft.memoryOnly ? draft.text : null
  saveDraft(sessionId, keep)
}

export const useDraftStore = create<DraftState>()((set, get) => {
  function update(sessionId: string, patch: Partial<Draft>): void {
    const draft = { ...EMPTY, ...get().drafts[sessionId], ...patch }
    set((state) => ({ drafts: { ...state.drafts, [sessionId]: draft } }))
    persist(sessionId, draft)
  }

  return {
    drafts: savedDrafts(),

    setText(sessionId, text, options = {}) {
      update(sessionId, { text, ...options })
    },

    setSensitive(sessionId, sensitive) {
      update(sessionId, { sensitive })
    },

    clear(sessionId) {
      const current = get().drafts[sessionId]
      update(sessionId, { text: '', sensitive: current?.sensitive ?? false })
    },

    giveBack(sessionId, text, sensitive) {
      const current = get().drafts[sessionId]?.text.trim() ?? ''
      update(sessionId, {
        text: current ? `${text}\n\n${current}` : text,
        // Sensitive text stays sensitive, whatever was typed beside it.
        sensitive: sensitive || (get().drafts[sessionId]?.sensitive ?? false),
      })
    },

    drop(sessionId) {
      set((state) => {
        const drafts = { ...state.drafts }
        delete drafts[sessionId]
        return { drafts }
      })
      saveDraft(sessionId, null)
    },

    async prune() {
      for (const id of Object.keys(readSavedDrafts())) {
        const result = await request('sessions.get', { id })
        if (!result.ok && result.error.code === 'NOT_FOUND') get().drop(id)
      }
    },
  }
})

subscribe('session.deleted', ({ sessionId }) => useDraftStore.getState().drop(sessionId))
