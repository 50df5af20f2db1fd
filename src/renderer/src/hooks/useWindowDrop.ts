import { useEffect, useState } from 'react'
import { droppedFiles } from '../components/transfer/droppedFiles'
import { useImportStore } from '../stores/importStore'

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files')
}

/** Files or folders dropped anywhere on the window are imported; returns whether a drag is over it. */
export function useWindowDrop(): boolean {
  const [over, setOver] = useState(false)
  useEffect(() => {
    let depth = 0
    function onEnter(event: DragEvent) {
      if (!hasFiles(event)) return
      depth += 1
      setOver(true)
    }
    function onLeave(event: DragEvent) {
      if (!hasFiles(event)) return
      depth = Math.max(0, depth - 1)
      if (depth === 0) setOver(false)
    }
    function onOver(event: DragEvent) {
      // Without this the browser opens the dropped file in place of the app.
      if (hasFiles(event)) event.preventDefault()
    }
    function onDrop(event: DragEvent) {
      if (!hasFiles(event)) return
      event.preventDefault()
      depth = 0
      setOver(false)
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
  return over
}
