import { create } from 'zustand'
import type { MirrorBridge } from '../../../shared/bridge'
import type { MemoryScope, MemorySuggestion, SuggestReport } from '../../../shared/memory'
import { request } from '../bridge/bridgeClient'
import type { UserError } from '../lib/userError'
import { userError, vaultClosed } from '../lib/userError'
import { subscribe } from './storeEvents'
import { reportError, useUiStore } from './uiStore'

/** The last "What should I remember?" run, to say what it found (or why nothing). */
export interface SuggestRun {
  sessionId: string
  report: SuggestReport | null
  running: boolean
}

/**
 * "Memory suggestions" (docs/memory.md): the suggestions waiting for review, their count for the
 * sidebar's badge (kept live by main's `memory.changed`), and the review list's state. Every
 * call needs the vault open; a locked vault is a state to show, not an error to report.
 */
interface SuggestionsState {
  suggestions: MemorySuggestion[]
  /** Waiting for review: the badge. Null until known (the vault has not been open yet). */
  pending: number | null
  /** The last read failed because the vault is locked (or not set up). */
  locked: boolean
  reviewOpen: boolean
  lastRun: SuggestRun | null
  /** Suggestions with a decision in flight (their buttons wait). */
  busyIds: string[]
  error: UserError | null
  refresh(): Promise<void>
  openReview(open: boolean): void
  /** "What should I remember?": drafts from the session, then opens the review list. */
  suggest(sessionId: string): Promise<void>
  accept(id: string, edit?: { text?: string; scope?: MemoryScope }): Promise<boolean>
  reject(id: string): Promise<boolean>
}

export const useSuggestionsStore = create<SuggestionsState>()((set, get) => {
  /** Runs one decision on a suggestion; the list is read again when it is done. */
  async function decide(id: string, call: () => Promise<UserError | null>): Promise<boolean> {
    set((state) => ({ busyIds: [...state.busyIds, id], error: null }))
    const failed = await call()
    set((state) => ({ busyIds: state.busyIds.filter((b) => b !== id), error: failed }))
    await get().refresh()
    return failed === null
  }

  return {
    suggestions: [],
    pending: null,
    locked: false,
    reviewOpen: false,
    lastRun: null,
    busyIds: [],
    error: null,

    async refresh() {
      const result = await request('memory.suggestions.list', {})
      if (result.ok) {
        set({ suggestions: result.data, pending: result.data.length, locked: false })
        return
      }
      if (vaultClosed(result.error.code)) set({ locked: true, suggestions: [] })
      else reportError(result.error)
    },

    openReview(open) {
      set({ reviewOpen: open, error: null, ...(open ? {} : { lastRun: null }) })
      if (open) void get().refresh()
    },

    async suggest(sessionId) {
      set({ reviewOpen: true, error: null, lastRun: { sessionId, report: null, running: true } })
      const result = await request('memory.suggest', { sessionId })
      if (!result.ok) {
        set({ lastRun: { sessionId, report: null, running: false } })
        if (vaultClosed(result.error.code)) set({ locked: true })
        else set({ error: userError(result.error) })
        return
      }
      set({ lastRun: { sessionId, report: result.data, running: false }, locked: false })
      await get().refresh()
    },

    accept(id, edit = {}) {
      return decide(id, async () => {
        const result = await request('memory.accept', { id, ...edit })
        if (!result.ok) return userError(result.error)
        useUiStore.getState().setStatus('Memory saved.')
        return null
      })
    },

    reject(id) {
      return decide(id, async () => {
        const result = await request('memory.reject', { id })
        if (!result.ok) return userError(result.error)
        useUiStore.getState().setStatus('Suggestion rejected: it will not be suggested again.')
        return null
      })
    },
  }
})

/**
 * Keeps the badge live: `memory.changed` carries the pending count (and the open review list is
 * read again); the vault opening makes the suggestions readable. Returns the unsubscribe.
 */
export function connectSuggestionEvents(bridge: Pick<MirrorBridge, 'on'>): () => void {
  const store = useSuggestionsStore
  const offs = [
    bridge.on('memory.changed', ({ pending }) => {
      store.setState({ pending })
      if (store.getState().reviewOpen) void store.getState().refresh()
    }),
    subscribe('vault.changed', ({ unlocked }) => {
      if (unlocked) return store.getState().refresh()
      store.setState({ locked: true, suggestions: [], pending: null })
    }),
    // The first status of a vault that opened with the key remembered on this device.
    subscribe('vault.entriesChanged', () => store.getState().refresh()),
  ]
  void store.getState().refresh()
  return () => offs.forEach((off) => off())
}
