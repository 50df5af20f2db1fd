import type { StoreApi } from 'zustand'
import type { Session } from '../../../shared/domain'
import { request } from '../bridge/bridgeClient'
import { reportError, useUiStore } from './uiStore'

/** The sessions of one folder the sidebar has read (first pages, in main's order). */
export interface FolderList {
  ids: string[]
  nextCursor: string | null
  loading: boolean
  loaded: boolean
}

/** Pins and folders, as part of the sessions store (the sessions' cache is shared). */
export interface OrganisingState {
  folderLists: Record<string, FolderList>
  /** Reads the first page of a folder's sessions (again). */
  loadFolder(folderId: string): Promise<void>
  loadMoreFolder(folderId: string): Promise<void>
  /** Every folder list already read, read again (another process changed something). */
  reloadFolders(): Promise<void>
  pin(id: string): Promise<boolean>
  unpin(id: string): Promise<boolean>
  /** Files the session in `folderId`, or in no folder for null. */
  move(id: string, folderId: string | null, folderName?: string): Promise<boolean>
  /** A folder was deleted: its sessions are in no folder now. */
  folderDeleted(folderId: string): void
}

interface Base extends OrganisingState {
  byId: Record<string, Session>
  order: string[]
  view: 'active' | 'archived'
}

export const FOLDER_PAGE = 50
const EMPTY: FolderList = { ids: [], nextCursor: null, loading: false, loaded: false }

export function organisingSlice(set: StoreApi<Base>['setState'], get: () => Base): OrganisingState {
  /** The session as main returned it, placed in the folder lists and the main list. */
  function placed(session: Session): void {
    set((state) => {
      const folderLists: Record<string, FolderList> = {}
      for (const [folderId, list] of Object.entries(state.folderLists)) {
        const ids = list.ids.filter((id) => id !== session.id)
        if (folderId === session.folderId && list.loaded) ids.push(session.id)
        folderLists[folderId] = { ...list, ids }
      }
      const belongs = (session.archived ? 'archived' : 'active') === state.view
      return {
        byId: { ...state.byId, [session.id]: session },
        folderLists,
        // The list is shown sorted (lib/sessionGroups), so where the id sits does not matter.
        order:
          belongs && !state.order.includes(session.id) ? [...state.order, session.id] : state.order,
      }
    })
  }

  async function readFolder(folderId: string, cursor: string | null): Promise<void> {
    const list = get().folderLists[folderId] ?? EMPTY
    if (list.loading) return
    set((s) => ({ folderLists: { ...s.folderLists, [folderId]: { ...list, loading: true } } }))
    const result = await request('sessions.list', { folderId, limit: FOLDER_PAGE, cursor })
    if (!result.ok) {
      set((s) => ({ folderLists: { ...s.folderLists, [folderId]: { ...list, loading: false } } }))
      reportError(result.error)
      return
    }
    const { items, nextCursor } = result.data
    set((state) => {
      const byId = { ...state.byId }
      for (const session of items) byId[session.id] = session
      const before = cursor ? (state.folderLists[folderId]?.ids ?? []) : []
      const ids = [...before, ...items.map((s) => s.id).filter((id) => !before.includes(id))]
      return {
        byId,
        folderLists: {
          ...state.folderLists,
          [folderId]: { ids, nextCursor, loading: false, loaded: true },
        },
      }
    })
  }

  async function organise(
    route: 'sessions.pin' | 'sessions.unpin',
    id: string,
    status: (title: string) => string,
  ): Promise<boolean> {
    const result = await request(route, { id })
    if (!result.ok) {
      reportError(result.error)
      return false
    }
    placed(result.data)
    useUiStore.getState().setStatus(status(result.data.title))
    return true
  }

  return {
    folderLists: {},

    loadFolder: (folderId) => readFolder(folderId, null),

    async loadMoreFolder(folderId) {
      const cursor = get().folderLists[folderId]?.nextCursor
      if (cursor) await readFolder(folderId, cursor)
    },

    async reloadFolders() {
      const loaded = Object.entries(get().folderLists).filter(([, list]) => list.loaded)
      await Promise.all(loaded.map(([folderId]) => readFolder(folderId, null)))
    },

    pin: (id) => organise('sessions.pin', id, (title) => `Pinned “${title}”.`),
    unpin: (id) => organise('sessions.unpin', id, (title) => `Unpinned “${title}”.`),

    async move(id, folderId, folderName) {
      const result = await request('sessions.move', { id, folderId })
      if (!result.ok) {
        reportError(result.error)
        return false
      }
      placed(result.data)
      const where = folderId === null ? 'out of its folder' : `to “${folderName ?? 'the folder'}”`
      useUiStore.getState().setStatus(`Moved “${result.data.title}” ${where}.`)
      return true
    },

    folderDeleted(folderId) {
      set((state) => {
        const byId = { ...state.byId }
        for (const session of Object.values(byId)) {
          if (session.folderId === folderId) byId[session.id] = { ...session, folderId: null }
        }
        const folderLists = { ...state.folderLists }
        const freed = folderLists[folderId]?.ids ?? []
        delete folderLists[folderId]
        const order = [...state.order, ...freed.filter((id) => !state.order.includes(id))]
        return { byId, folderLists, order }
      })
    },
  }
}
