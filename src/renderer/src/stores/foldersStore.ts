import { create } from 'zustand'
import type { Folder } from '../../../shared/domain'
import { request } from '../bridge/bridgeClient'
import { publish } from './storeEvents'
import { reportError, useUiStore } from './uiStore'

interface FoldersState {
  /** Every folder, by name (main's order). */
  folders: Folder[]
  loaded: boolean
  /** Folders open in the sidebar (closed by default, so many folders stay short). */
  expanded: Record<string, boolean>
  /** The "New folder" name field is open. */
  creating: boolean
  renamingId: string | null
  /** Waiting for the user to confirm deleting this folder. */
  confirmDeleteId: string | null
  /** The session whose "Move to folder" dialog is open. */
  movingSessionId: string | null
  load(): Promise<void>
  startCreate(open: boolean): void
  create(name: string): Promise<Folder | null>
  startRename(id: string | null): void
  rename(id: string, name: string): Promise<boolean>
  askDelete(id: string | null): void
  remove(id: string): Promise<boolean>
  toggle(id: string): void
  /** Opens the folder (a session was just moved there, or it was just made). */
  expand(id: string): void
  askMove(sessionId: string | null): void
}

function withFolder(folders: Folder[], folder: Folder): Folder[] {
  const others = folders.filter((f) => f.id !== folder.id)
  return [...others, folder].sort((a, b) =>
    a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }),
  )
}

export const useFoldersStore = create<FoldersState>()((set, get) => ({
  folders: [],
  loaded: false,
  expanded: {},
  creating: false,
  renamingId: null,
  confirmDeleteId: null,
  movingSessionId: null,

  async load() {
    const result = await request('folders.list', {})
    if (!result.ok) {
      reportError(result.error)
      return
    }
    set({ folders: result.data, loaded: true })
  },

  startCreate(open) {
    set({ creating: open })
  },

  async create(name) {
    set({ creating: false })
    const trimmed = name.trim()
    if (!trimmed) return null
    const result = await request('folders.create', { name: trimmed })
    if (!result.ok) {
      reportError(result.error)
      return null
    }
    set((state) => ({
      folders: withFolder(state.folders, result.data),
      expanded: { ...state.expanded, [result.data.id]: true },
    }))
    useUiStore.getState().setStatus(`Created folder “${result.data.name}”.`)
    return result.data
  },

  startRename(id) {
    set({ renamingId: id })
  },

  async rename(id, name) {
    set({ renamingId: null })
    const trimmed = name.trim()
    const current = get().folders.find((f) => f.id === id)
    if (!trimmed || trimmed === current?.name) return true
    const result = await request('folders.rename', { id, name: trimmed })
    if (!result.ok) {
      reportError(result.error)
      return false
    }
    set((state) => ({ folders: withFolder(state.folders, result.data) }))
    return true
  },

  askDelete(id) {
    set({ confirmDeleteId: id })
  },

  async remove(id) {
    const name = get().folders.find((f) => f.id === id)?.name ?? 'Folder'
    const result = await request('folders.delete', { id })
    if (!result.ok) {
      reportError(result.error)
      return false
    }
    set((state) => ({ folders: state.folders.filter((f) => f.id !== id) }))
    await publish('folder.deleted', { folderId: id })
    useUiStore.getState().setStatus(`Deleted folder “${name}”; its sessions are kept.`)
    return true
  },

  toggle(id) {
    set((state) => ({ expanded: { ...state.expanded, [id]: !state.expanded[id] } }))
  },

  expand(id) {
    set((state) => ({ expanded: { ...state.expanded, [id]: true } }))
  },

  askMove(sessionId) {
    set({ movingSessionId: sessionId })
  },
}))
