import { create } from 'zustand'
import type { MirrorBridge } from '../../../shared/bridge'
import type { Session } from '../../../shared/domain'
import type { EventPayload } from '../../../shared/events'
import type { SessionPreferences } from '../../../shared/routes'
import { request } from '../bridge/bridgeClient'
import { saveFile } from '../lib/saveFile'
import { reportError, useUiStore } from './uiStore'
import { publish, subscribe } from './storeEvents'
import { organisingSlice } from './sessionsOrganising'
import type { OrganisingState } from './sessionsOrganising'

export type SessionsView = 'active' | 'archived'

export const SESSIONS_PAGE = 50

interface SessionsState extends OrganisingState {
  /** Cache of every session the renderer has seen, by id. */
  byId: Record<string, Session>
  /** Ids of the sidebar's main list for the current view (shown sorted: lib/sessionGroups). */
  order: string[]
  view: SessionsView
  nextCursor: string | null
  loading: boolean
  /** True once the first page of the current view has arrived. */
  loaded: boolean
  selectedId: string | null
  renamingId: string | null
  load(view?: SessionsView): Promise<void>
  loadMore(): Promise<void>
  select(id: string | null): Promise<void>
  /**
   * "New session": opens the untouched empty session again when there is one (main decides),
   * with the persona when one is given.
   */
  create(personaId?: string): Promise<Session | null>
  startRename(id: string | null): void
  regenerateTitle(id: string): Promise<boolean>
  /** main named a session automatically after its first reply. */
  titled(event: EventPayload<'sessions.titled'>): void
  rename(id: string, title: string): Promise<boolean>
  archive(id: string): Promise<boolean>
  unarchive(id: string): Promise<boolean>
  remove(id: string): Promise<boolean>
  setPreferences(id: string, preferences: SessionPreferences): Promise<boolean>
  exportSession(id: string, format: 'json' | 'markdown'): Promise<boolean>
  /** The session no longer exists (deleted here or elsewhere): out of the cache and the list. */
  forget(id: string): void
  /** A message was added in this session: bump its count and move it to the top. */
  touch(id: string, at: string): void
  /** Main changed or made this session (a message action); `open` selects it. */
  received(session: Session, open?: boolean): Promise<void>
}

// Answers to an older load() are dropped when a newer one (another view) was started since.
let loadSeq = 0

function byIdWith(byId: Record<string, Session>, sessions: Session[]): Record<string, Session> {
  const next = { ...byId }
  for (const s of sessions) next[s.id] = s
  return next
}

function viewOf(session: Session): SessionsView {
  return session.archived ? 'archived' : 'active'
}

export const useSessionsStore = create<SessionsState>()((set, get) => {
  /** Store a changed session; drop it from the list when it no longer belongs to the view. */
  function put(session: Session): void {
    set((state) => ({
      byId: { ...state.byId, [session.id]: session },
      order:
        viewOf(session) === state.view
          ? state.order.includes(session.id)
            ? state.order
            : [session.id, ...state.order]
          : state.order.filter((id) => id !== session.id),
    }))
  }

  return {
    ...organisingSlice(set, get),
    byId: {},
    order: [],
    view: 'active',
    nextCursor: null,
    loading: false,
    loaded: false,
    selectedId: null,
    renamingId: null,

    async load(view = get().view) {
      const seq = ++loadSeq
      set({ view, loading: true, ...(view !== get().view ? { order: [], loaded: false } : {}) })
      const result = await request('sessions.list', {
        archived: view === 'archived',
        limit: SESSIONS_PAGE,
      })
      if (seq !== loadSeq) return
      if (!result.ok) {
        set({ loading: false })
        reportError(result.error)
        return
      }
      const { items, nextCursor } = result.data
      set((state) => ({
        byId: byIdWith(state.byId, items),
        order: items.map((s) => s.id),
        nextCursor,
        loading: false,
        loaded: true,
      }))
    },

    async loadMore() {
      const { nextCursor, loading, view } = get()
      if (!nextCursor || loading) return
      const seq = loadSeq
      set({ loading: true })
      const result = await request('sessions.list', {
        archived: view === 'archived',
        limit: SESSIONS_PAGE,
        cursor: nextCursor,
      })
      if (seq !== loadSeq) return
      if (!result.ok) {
        set({ loading: false })
        reportError(result.error)
        return
      }
      const { items } = result.data
      set((state) => ({
        byId: byIdWith(state.byId, items),
        order: [
          ...state.order,
          ...items.map((s) => s.id).filter((id) => !state.order.includes(id)),
        ],
        nextCursor: result.data.nextCursor,
        loading: false,
      }))
    },

    async select(id) {
      set({ selectedId: id })
      if (!id || get().byId[id]) return
      // Opened from a search hit or a link: the session may not be in a loaded page.
      const result = await request('sessions.get', { id })
      if (result.ok) set((state) => ({ byId: { ...state.byId, [id]: result.data } }))
      else reportError(result.error)
    },

    async create(personaId) {
      const result = await request('sessions.createOrReuse', personaId ? { personaId } : {})
      if (!result.ok) {
        reportError(result.error)
        return null
      }
      const session = result.data
      if (get().view !== 'active') await get().load('active')
      put(session)
      // A reused session moves to the top, as a new one would appear there.
      set((state) => ({
        selectedId: session.id,
        order: [session.id, ...state.order.filter((id) => id !== session.id)],
      }))
      return session
    },

    async regenerateTitle(id) {
      const result = await request('sessions.regenerateTitle', { id })
      if (!result.ok) {
        reportError(result.error)
        return false
      }
      put(result.data)
      useUiStore.getState().setStatus(`Renamed to “${result.data.title}”.`)
      return true
    },

    titled({ sessionId, title }) {
      const session = get().byId[sessionId]
      if (!session) return
      set((state) => ({
        byId: {
          ...state.byId,
          [sessionId]: {
            ...session,
            title,
            metadata: { ...session.metadata, titleSource: 'auto' },
          },
        },
      }))
    },

    startRename(id) {
      set({ renamingId: id })
    },

    async rename(id, title) {
      const trimmed = title.trim()
      const current = get().byId[id]
      set({ renamingId: null })
      if (!trimmed || trimmed === current?.title) return true
      const result = await request('sessions.rename', { id, title: trimmed })
      if (!result.ok) {
        reportError(result.error)
        return false
      }
      put(result.data)
      return true
    },

    async archive(id) {
      const result = await request('sessions.archive', { id })
      if (!result.ok) {
        reportError(result.error)
        return false
      }
      put(result.data)
      useUiStore.getState().setStatus(`Archived “${result.data.title}”.`)
      return true
    },

    async unarchive(id) {
      const result = await request('sessions.unarchive', { id })
      if (!result.ok) {
        reportError(result.error)
        return false
      }
      put(result.data)
      useUiStore.getState().setStatus(`Moved “${result.data.title}” back to Sessions.`)
      return true
    },

    async remove(id) {
      const title = get().byId[id]?.title ?? 'Session'
      const result = await request('sessions.delete', { id })
      if (!result.ok) {
        reportError(result.error)
        return false
      }
      get().forget(id)
      useUiStore.getState().setStatus(`Deleted “${title}”.`)
      return true
    },

    async setPreferences(id, preferences) {
      const before = get().byId[id]
      if (before) {
        // Optimistic: the selectors answer at once; the server's copy replaces it below.
        put({ ...before, metadata: { ...before.metadata, preferences } })
      }
      const result = await request('sessions.setPreferences', { id, preferences })
      if (!result.ok) {
        if (before) put(before)
        reportError(result.error)
        return false
      }
      put(result.data)
      return true
    },

    async exportSession(id, format) {
      const result = await request('sessions.export', { id, format })
      if (!result.ok) {
        reportError(result.error)
        return false
      }
      if (result.data.sensitiveMessages) {
        // The user chooses: sensitive text in a plain file, or placeholders (vaultStore).
        void publish('export.sensitive', { sessionId: id, format, placeholders: result.data })
        return true
      }
      saveFile(result.data)
      useUiStore.getState().showNotice(`Exported ${result.data.fileName}.`)
      return true
    },

    async received(session, open = false) {
      put(session)
      if (open) await get().select(session.id)
    },

    forget(id) {
      set((state) => {
        const byId = { ...state.byId }
        delete byId[id]
        return {
          byId,
          order: state.order.filter((other) => other !== id),
          selectedId: state.selectedId === id ? null : state.selectedId,
        }
      })
      // Here or elsewhere: what the renderer kept for it (draft, queued messages) goes too.
      void publish('session.deleted', { sessionId: id })
    },

    touch(id, at) {
      const session = get().byId[id]
      if (!session) return
      const updated = { ...session, updatedAt: at, messageCount: session.messageCount + 1 }
      set((state) => ({
        byId: { ...state.byId, [id]: updated },
        order: state.order.includes(id)
          ? [id, ...state.order.filter((other) => other !== id)]
          : state.order,
      }))
    },
  }
})

subscribe('message.added', ({ sessionId, at }) => useSessionsStore.getState().touch(sessionId, at))
subscribe('session.changed', ({ session, open }) =>
  useSessionsStore.getState().received(session, open),
)
subscribe('sessions.imported', () => useSessionsStore.getState().load())
subscribe('folder.deleted', ({ folderId }) => useSessionsStore.getState().folderDeleted(folderId))

/** Route main's session events into the store; returns the unsubscribe function. */
export function connectSessionEvents(bridge: Pick<MirrorBridge, 'on'>): () => void {
  return bridge.on('sessions.titled', (event) => useSessionsStore.getState().titled(event))
}
