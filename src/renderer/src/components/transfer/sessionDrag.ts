import type { DragEvent } from 'react'
import { request } from '../../bridge/bridgeClient'
import { saveFile } from '../../lib/saveFile'
import { useAppStore } from '../../stores/appStore'
import { reportError } from '../../stores/uiStore'
import { SESSION_DRAG_TYPE, startedDragging, stoppedDragging } from '../folders/sessionMoveDrag'

// Browser mode: an export fetched when the pointer goes down, so that dragstart (which cannot
// wait) can hand Chromium a DownloadURL; dropping on the desktop then saves the file.
const prepared = new Map<string, { url: string; fileName: string; mimeType: string }>()

async function prepare(sessionId: string): Promise<void> {
  if (useAppStore.getState().info?.host === 'electron' || prepared.has(sessionId)) return
  const result = await request('sessions.export', { id: sessionId, format: 'json' })
  if (!result.ok) return
  const { content, fileName, mimeType } = result.data
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }))
  prepared.set(sessionId, { url, fileName, mimeType })
  setTimeout(() => {
    URL.revokeObjectURL(url)
    prepared.delete(sessionId)
  }, 60_000)
}

/** Without a native drag (browser mode), a drag out of the list downloads the session. */
async function download(sessionId: string): Promise<void> {
  const result = await request('sessions.export', { id: sessionId, format: 'json' })
  if (result.ok) saveFile(result.data)
  else reportError(result.error)
}

async function nativeDrag(sessionId: string): Promise<void> {
  const result = await request('sessions.startDrag', { id: sessionId, format: 'json' })
  if (result.ok) return
  if (result.error.code === 'NOT_SUPPORTED') await download(sessionId)
  else reportError(result.error)
}

/**
 * Props for a session's link: drag it onto the desktop or a file manager to get its JSON
 * export. Desktop app: a native drag of a real file (webContents.startDrag, through main).
 * Browser: a DownloadURL when the export is ready, else a download when the drag ends.
 */
export function sessionDragProps(sessionId: string, title: string) {
  let usedDownloadUrl = false
  return {
    draggable: true,
    onPointerDown: () => void prepare(sessionId),
    onDragStart: (event: DragEvent<HTMLElement>) => {
      // Also a move onto a folder in this window (folders/sessionMoveDrag.ts).
      startedDragging(sessionId)
      if (useAppStore.getState().info?.host === 'electron') {
        event.preventDefault()
        void nativeDrag(sessionId)
        return
      }
      event.dataTransfer.effectAllowed = 'copyMove'
      event.dataTransfer.setData('text/plain', title)
      event.dataTransfer.setData(SESSION_DRAG_TYPE, sessionId)
      const ready = prepared.get(sessionId)
      usedDownloadUrl = ready !== undefined
      if (ready) {
        event.dataTransfer.setData(
          'DownloadURL',
          `${ready.mimeType}:${ready.fileName}:${ready.url}`,
        )
      }
    },
    onDragEnd: (event: DragEvent<HTMLElement>) => {
      stoppedDragging()
      if (usedDownloadUrl || event.dataTransfer.dropEffect !== 'none') return
      void nativeDrag(sessionId)
    },
  }
}
