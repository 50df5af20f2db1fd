import { create } from 'zustand'
import type {
  ContinuityEntry,
  Identity,
  MemorySettingsPatch,
  MemoryUsed,
  VerifyResult,
} from '../../../shared/continuity'
import { request } from '../bridge/bridgeClient'
import { useChatStore } from './chatStore'
import { useSessionsStore } from './sessionsStore'
import { reportError, useUiStore } from './uiStore'

const TIMELINE_PAGE = 50

/**
 * Identity, the continuity log (verify, timeline, clear) and per-session memory (what a
 * conversation used, its switches, temporary chats). Main is the source of truth.
 */
interface MemoryState {
  identity: Identity | null
  verify: VerifyResult | null
  verifying: boolean
  timeline: ContinuityEntry[]
  timelineNext: number | null
  timelineLoading: boolean
  /** Session whose memory panel is open. */
  panelSessionId: string | null
  used: Record<string, MemoryUsed>
  /** Temporary chats opened in this window (never listed in the sidebar). */
  temporaryIds: string[]
  loadIdentity(): Promise<void>
  renameIdentity(displayName: string): Promise<boolean>
  runVerify(): Promise<void>
  loadTimeline(more?: boolean): Promise<void>
  clearHistory(): Promise<boolean>
  openPanel(sessionId: string | null): void
  loadUsed(sessionId: string): Promise<void>
  setSwitch(sessionId: string, patch: MemorySettingsPatch): Promise<void>
  startTemporary(): Promise<void>
  endTemporary(sessionId: string): Promise<void>
  /** Opens the message a "Recalled from" chip points to (like a search hit). */
  openSource(sessionId: string, messageId: string): Promise<void>
}

export const useMemoryStore = create<MemoryState>()((set, get) => ({
  identity: null,
  verify: null,
  verifying: false,
  timeline: [],
  timelineNext: null,
  timelineLoading: false,
  panelSessionId: null,
  used: {},
  temporaryIds: [],

  async loadIdentity() {
    const result = await request('identity.get', {})
    if (result.ok) set({ identity: result.data })
    else reportError(result.error)
  },

  async renameIdentity(displayName) {
    const result = await request('identity.rename', { displayName })
    if (!result.ok) {
      reportError(result.error)
      return false
    }
    set({ identity: result.data })
    useUiStore.getState().setStatus('Display name saved.')
    return true
  },

  async runVerify() {
    set({ verifying: true })
    const result = await request('continuity.verify', {})
    set({ verifying: false, verify: result.ok ? result.data : null })
    if (!result.ok) reportError(result.error)
  },

  async loadTimeline(more = false) {
    if (get().timelineLoading) return
    const before = more ? get().timelineNext : null
    if (more && before === null) return
    set({ timelineLoading: true })
    const result = await request('continuity.list', { limit: TIMELINE_PAGE, before })
    if (!result.ok) {
      set({ timelineLoading: false })
      reportError(result.error)
      return
    }
    set((state) => ({
      timeline: more ? [...state.timeline, ...result.data.items] : result.data.items,
      timelineNext: result.data.nextBefore,
      timelineLoading: false,
    }))
  },

  async clearHistory() {
    const result = await request('continuity.clear', { confirm: true })
    if (!result.ok) {
      reportError(result.error)
      return false
    }
    useUiStore.getState().setStatus(`History cleared (${result.data.removed} entries removed).`)
    set({ verify: null })
    await get().loadTimeline()
    return true
  },

  openPanel(sessionId) {
    set({ panelSessionId: sessionId })
    if (sessionId) void get().loadUsed(sessionId)
  },

  async loadUsed(sessionId) {
    const result = await request('memory.used', { sessionId })
    if (result.ok) set((state) => ({ used: { ...state.used, [sessionId]: result.data } }))
    else reportError(result.error)
  },

  async setSwitch(sessionId, patch) {
    const withSettings = (settings: MemoryUsed['settings']) =>
      set((state) => {
        const current = state.used[sessionId]
        if (!current) return state
        return { used: { ...state.used, [sessionId]: { ...current, settings } } }
      })
    const before = get().used[sessionId]?.settings
    // Shown at once (a checkbox should follow the click); main's answer is the final word.
    if (before) withSettings({ ...before, ...patch })
    const result = await request('memory.set', { sessionId, ...patch })
    if (result.ok) withSettings(result.data)
    else {
      if (before) withSettings(before)
      reportError(result.error)
    }
  },

  async startTemporary() {
    const result = await request('temporaryChat.start', {})
    if (!result.ok) {
      reportError(result.error)
      return
    }
    const session = result.data
    // Known to the sessions cache (so the chat pane opens) but never in the sidebar's list.
    useSessionsStore.setState((state) => ({ byId: { ...state.byId, [session.id]: session } }))
    set((state) => ({ temporaryIds: [...state.temporaryIds, session.id] }))
    await useSessionsStore.getState().select(session.id)
  },

  async endTemporary(sessionId) {
    if (!get().temporaryIds.includes(sessionId)) return
    set((state) => ({
      temporaryIds: state.temporaryIds.filter((id) => id !== sessionId),
      panelSessionId: state.panelSessionId === sessionId ? null : state.panelSessionId,
    }))
    useSessionsStore.setState((state) => {
      const { [sessionId]: _gone, ...byId } = state.byId
      return { byId }
    })
    useChatStore.setState((state) => {
      const { [sessionId]: _gone, ...bySession } = state.bySession
      return { bySession }
    })
    const result = await request('temporaryChat.end', { sessionId })
    if (!result.ok) reportError(result.error)
  },

  async openSource(sessionId, messageId) {
    set({ panelSessionId: null })
    const loading = useChatStore.getState().openAt(sessionId, messageId)
    await useSessionsStore.getState().select(sessionId)
    await loading
  },
}))
