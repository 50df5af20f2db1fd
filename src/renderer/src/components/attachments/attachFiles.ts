import type { ClipboardEvent, DragEvent } from 'react'
import { useAttachmentsStore } from '../../stores/attachmentsStore'

/** A temporary chat keeps nothing on disk, so main takes no attachments there (NOT_SUPPORTED). */
export const TEMPORARY_NO_FILES =
  'A temporary chat keeps nothing on disk, so it takes no attachments.'

export function hasFiles(types: readonly string[] | DOMStringList | undefined): boolean {
  return Array.from(types ?? []).includes('Files')
}

/** Adds files to a session's next message (or says why a temporary chat cannot take them). */
export function attachFiles(sessionId: string, files: readonly File[], temporary: boolean): void {
  if (files.length === 0) return
  const store = useAttachmentsStore.getState()
  if (temporary) {
    useAttachmentsStore.setState((s) => ({
      errors: { ...s.errors, [sessionId]: [TEMPORARY_NO_FILES] },
    }))
    return
  }
  void store.add(sessionId, files)
}

/**
 * The composer's paste and drop handlers. A drop here attaches and goes no further (the window's
 * own drop handler imports conversations); a paste with files attaches them, and text pasted
 * with them (an image copied from a web page carries its address too) still goes into the box.
 */
export function composerFileHandlers(sessionId: string, temporary: boolean) {
  return {
    onPaste(event: ClipboardEvent<HTMLElement>) {
      const files = Array.from(event.clipboardData?.files ?? [])
      if (files.length === 0) return
      if (!Array.from(event.clipboardData.types).includes('text/plain')) event.preventDefault()
      attachFiles(sessionId, files, temporary)
    },
    onDragOver(event: DragEvent<HTMLElement>) {
      if (!hasFiles(event.dataTransfer?.types)) return
      event.preventDefault()
      event.dataTransfer.dropEffect = 'copy'
    },
    onDrop(event: DragEvent<HTMLElement>) {
      if (!hasFiles(event.dataTransfer?.types)) return
      event.preventDefault()
      event.stopPropagation()
      attachFiles(sessionId, Array.from(event.dataTransfer.files), temporary)
    },
  }
}
