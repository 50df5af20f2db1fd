import type { DragEvent } from 'react'
import { useState } from 'react'
import { useFoldersStore } from '../../stores/foldersStore'
import { useSessionsStore } from '../../stores/sessionsStore'

// A session dragged inside the window: dropped on a folder it moves there, dropped on the
// session list it leaves its folder. The id is kept here rather than read from dataTransfer,
// because the desktop app's drag is a native file drag (sessionDrag.ts) that carries no id.

/** Carried too, so other windows and tests can tell a session drag from a file drag. */
export const SESSION_DRAG_TYPE = 'application/x-activemirror-session'
/** A drag older than this never ended properly (the native drag gives no dragend here). */
const STALE_MS = 60_000

let dragging: { sessionId: string; since: number } | null = null

export function startedDragging(sessionId: string): void {
  dragging = { sessionId, since: Date.now() }
}

export function stoppedDragging(): void {
  dragging = null
}

function draggedSession(): string | null {
  if (!dragging || Date.now() - dragging.since > STALE_MS) return null
  return dragging.sessionId
}

/**
 * Drop-target props for a folder (`folderId`) or the list of sessions in no folder (null).
 * `over` is true while a session that would move is dragged over it.
 */
export function useSessionDrop(folderId: string | null) {
  const [over, setOver] = useState(false)
  const accepts = (): string | null => {
    const id = draggedSession()
    if (!id) return null
    const session = useSessionsStore.getState().byId[id]
    return session && (session.folderId ?? null) !== folderId ? id : null
  }
  return {
    over,
    props: {
      onDragEnter: (event: DragEvent<HTMLElement>) => {
        if (!accepts()) return
        event.preventDefault()
        setOver(true)
      },
      onDragOver: (event: DragEvent<HTMLElement>) => {
        if (!accepts()) return
        // Accepting here keeps the window's file import from taking the drop.
        event.preventDefault()
        event.stopPropagation()
        event.dataTransfer.dropEffect = 'move'
      },
      onDragLeave: (event: DragEvent<HTMLElement>) => {
        const next = event.relatedTarget as Node | null
        if (!next || !event.currentTarget.contains(next)) setOver(false)
      },
      onDrop: (event: DragEvent<HTMLElement>) => {
        const id = accepts()
        setOver(false)
        if (!id) return
        event.preventDefault()
        event.stopPropagation()
        stoppedDragging()
        const name = useFoldersStore.getState().folders.find((f) => f.id === folderId)?.name
        if (folderId !== null) useFoldersStore.getState().expand(folderId)
        void useSessionsStore.getState().move(id, folderId, name)
      },
    },
  }
}
