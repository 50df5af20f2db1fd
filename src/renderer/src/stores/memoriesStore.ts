import { create } from 'zustand'
import type { MirrorBridge } from '../../../shared/bridge'
import type { Memory, MemoryScope } from '../../../shared/memory'
import { request } from '../bridge/bridgeClient'
import type { UserError } from '../lib/userError'
import { userError, vaultClosed } from '../lib/userError'
import { subscribe } from './storeEvents'
import { reportError, useUiStore } from './uiStore'

/** Which memories the memory panel lists: all, or exactly one scope of the open session. */
export type ScopeFilter = 'all' | MemoryScope['kind']

/** What a session's scopes are called: its title, folder and persona (for filters and labels). */
export interface SessionScopes {
  title: string
  folderId: string | null
  persona: { id: string; name: string } | null
}

/**
 * The memories (docs/memory.md) as the memory panel shows them, and the global switch "Send
 * memories only to local models". Main keeps both; a locked vault is a state, not an error.
 */
interface MemoriesState {
  memories: Memory[]
  filter: ScopeFilter
  /** The session whose scopes the filter means. */
  sessionId: string | null
  loading: boolean
  locked: boolean
  error: UserError | null
  /** Sessions that memories and suggestions come from, by id (null: deleted since). */
  sessions: Record<string, SessionScopes | null>
  localOnly: boolean | null
  load(sessionId: string, filter?: ScopeFilter): Promise<void>
  /** The panel closed: changes elsewhere no longer need reading. */
  close(): void
  /** Reads a session's title, folder and persona (once, unless `fresh`: it may have moved). */
  loadSession(sessionId: string, fresh?: boolean): Promise<void>
  update(id: string, patch: { text?: string; scope?: MemoryScope }): Promise<boolean>
  remove(id: string): Promise<boolean>
  loadSettings(): Promise<void>
  setLocalOnly(localOnly: boolean): Promise<void>
}

/** The exact scope `filter` means for the session, or null when it has none (no folder…). */
export function filterScope(
  filter: ScopeFilter,
  scopes: SessionScopes | null | undefined,
  sessionId: string,
): MemoryScope | null {
  switch (filter) {
    case 'all':
      return null
    case 'global':
      return { kind: 'global' }
    case 'session':
      return { kind: 'session', id: sessionId }
    case 'folder':
      return scopes?.folderId ? { kind: 'folder', id: scopes.folderId } : null
    case 'persona':
      return scopes?.persona ? { kind: 'persona', id: scopes.persona.id } : null
  }
}

export const useMemoriesStore = create<MemoriesState>()((set, get) => ({
  memories: [],
  filter: 'all',
  sessionId: null,
  loading: false,
  locked: false,
  error: null,
  sessions: {},
  localOnly: null,

  async load(sessionId, filter = get().filter) {
    set({ sessionId, filter, loading: true, error: null })
    await get().loadSession(sessionId, true)
    const scope = filterScope(filter, get().sessions[sessionId], sessionId)
    if (filter !== 'all' && !scope) {
      set({ memories: [], loading: false })
      return
    }
    const result = await request('memory.list', scope ? { scope } : {})
    // A newer choice of filter or session answered first.
    if (get().sessionId !== sessionId || get().filter !== filter) return
    if (result.ok) set({ memories: result.data, loading: false, locked: false })
    else if (vaultClosed(result.error.code)) set({ memories: [], loading: false, locked: true })
    else set({ loading: false, error: userError(result.error) })
  },

  close() {
    set({ sessionId: null, error: null })
  },

  async loadSession(sessionId, fresh = false) {
    if (!fresh && sessionId in get().sessions) return
    const [session, instructions] = await Promise.all([
      request('sessions.get', { id: sessionId }),
      request('instructions.session', { sessionId }),
    ])
    if (!session.ok) {
      if (session.error.code === 'NOT_FOUND') {
        set((state) => ({ sessions: { ...state.sessions, [sessionId]: null } }))
      }
      return
    }
    const persona = instructions.ok ? instructions.data.persona : null
    const scopes: SessionScopes = {
      title: session.data.title,
      folderId: session.data.folderId ?? null,
      persona: persona && !persona.removed ? { id: persona.id, name: persona.name } : null,
    }
    set((state) => ({ sessions: { ...state.sessions, [sessionId]: scopes } }))
  },

  async update(id, patch) {
    const result = await request('memory.update', { id, ...patch })
    if (!result.ok) {
      set({ error: userError(result.error) })
      return false
    }
    useUiStore.getState().setStatus('Memory saved.')
    const { sessionId } = get()
    if (sessionId) await get().load(sessionId)
    return true
  },

  async remove(id) {
    const result = await request('memory.delete', { id })
    if (!result.ok) {
      set({ error: userError(result.error) })
      return false
    }
    useUiStore.getState().setStatus('Memory deleted.')
    set((state) => ({ memories: state.memories.filter((m) => m.id !== id) }))
    return true
  },

  async loadSettings() {
    const result = await request('memory.settings.get', {})
    if (result.ok) set({ localOnly: result.data.localOnly })
    else reportError(result.error)
  },

  async setLocalOnly(localOnly) {
    const before = get().localOnly
    set({ localOnly })
    const result = await request('memory.settings.set', { localOnly })
    if (result.ok) set({ localOnly: result.data.localOnly })
    else {
      set({ localOnly: before })
      reportError(result.error)
    }
  },
}))

/**
 * The open memory panel follows changes made anywhere (accepted suggestions, the CLI, another
 * window) and the vault opening or closing. Returns the unsubscribe.
 */
export function connectMemoryListEvents(bridge: Pick<MirrorBridge, 'on'>): () => void {
  const store = useMemoriesStore
  const reload = () => {
    const { sessionId } = store.getState()
    if (sessionId) return store.getState().load(sessionId)
  }
  const offs = [
    bridge.on('memory.changed', () => void reload()),
    subscribe('vault.changed', reload),
    subscribe('vault.entriesChanged', reload),
  ]
  return () => offs.forEach((off) => off())
}
