import { useEffect, useState } from 'react'
import { droppedFiles } from '../components/transfer/droppedFiles'
import { useImportStore } from '../stores/importStore'

/** What a drop would do where the pointer is: attach to the message (composer) or import. */
export type DropMode = 'attach' | 'import'

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files')
}

/** Over the composer (its form carries `data-drop-attach`), files are attached, not imported. */
function modeAt(target: EventTarget | null): DropMode {
  return target instanceof Element && target.closest('[data-drop-attach]') ? 'attach' : 'import'
}

/**
 * Files or folders dropped anywhere on the window, except on the composer (which attaches them
 * itself), are imported; returns what a drop would do while a drag is over the window.
 */
export function useWindowDrop(): DropMode | null {
  const [mode, setMode] = useState<DropMode | null>(null)
  useEffect(() => {
    let depth = 0
    function onEnter(event: DragEvent) {
      if (!hasFiles(event)) return
      depth += 1
      setMode(modeAt(event.target))
    }
    function onLeave(event: DragEvent) {
      if (!hasFiles(event)) return
      depth = Math.max(0, depth - 1)
      if (depth === 0) setMode(null)
    }
    function onOver(event: DragEvent) {
      if (!hasFiles(event)) return
      // Without this the browser opens the dropped file in place of the app.
      event.preventDefault()
      setMode(modeAt(event.target))
    }
    function onDrop(event: DragEvent) {
      if (!hasFiles(event)) return
      depth = 0
      setMode(null)
      // The composer took it (a drop it handled does not bubble here; this is the safety net).
      if (event.defaultPrevented || modeAt(event.target) === 'attach') return
      event.preventDefault()
      // Folders are opened too (an SDK store: index.json + session files).
      void droppedFiles(event.dataTransfer).then((files) =>
        useImportStore.getState().importFiles(files),
      )
    }
    window.addEventListener('dragenter', onEnter)
    window.addEventListener('dragleave', onLeave)
    window.addEventListener('dragover', onOver)
    window.addEventListener('drop', onDrop)
    return () => {
      window.removeEventListener('dragenter', onEnter)
      window.removeEventListener('dragleave', onLeave)
      window.removeEventListener('dragover', onOver)
      window.removeEventListener('drop', onDrop)
    }
  }, [])
  return mode
}
