import { create } from 'zustand'
import type { SearchHit, Session } from '../../../shared/domain'
import { request } from '../bridge/bridgeClient'
import { useChatStore } from './chatStore'
import { useSessionsStore } from './sessionsStore'
import { reportError } from './uiStore'

export const SEARCH_DEBOUNCE_MS = 200

interface SearchState {
  query: string
  /** The query the current results answer (results lag the typed text by the debounce). */
  resultsFor: string
  sessions: Session[]
  hits: SearchHit[]
  searching: boolean
  setQuery(query: string): void
  clear(): void
  openHit(hit: SearchHit): Promise<void>
}

let timer: ReturnType<typeof setTimeout> | null = null
let seq = 0

export const useSearchStore = create<SearchState>()((set, get) => {
  async function run(query: string): Promise<void> {
    const mine = ++seq
    set({ searching: true })
    const result = await request('sessions.search', { query, limit: 50 })
    // A newer query has been typed since: its answer is the one to show.
    if (mine !== seq) return
    if (!result.ok) {
      set({ searching: false })
      reportError(result.error)
      return
    }
    set({ ...result.data, resultsFor: query, searching: false })
  }

  return {
    query: '',
    resultsFor: '',
    sessions: [],
    hits: [],
    searching: false,

    setQuery(query) {
      set({ query })
      if (timer) clearTimeout(timer)
      timer = null
      if (!query.trim()) {
        seq++
        set({ sessions: [], hits: [], resultsFor: '', searching: false })
        return
      }
      set({ searching: true })
      timer = setTimeout(() => {
        timer = null
        void run(get().query.trim())
      }, SEARCH_DEBOUNCE_MS)
    },

    clear() {
      get().setQuery('')
    },

    async openHit(hit) {
      // Start the page load first so opening the session does not load the newest page instead.
      const loading = useChatStore.getState().openAt(hit.sessionId, hit.messageId, {
        switchTo: hit.onCurrentPath === false,
      })
      await useSessionsStore.getState().select(hit.sessionId)
      await loading
    },
  }
})
