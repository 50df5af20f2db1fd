import { useEffect, useState } from 'react'
import { droppedFiles } from '../components/transfer/droppedFiles'
import { useImportStore } from '../stores/importStore'

/** What a drop would do where the pointer is: attach to the message (composer) or import. */
export type DropMode = 'attach' | 'import'

/** A drag over the window: what a drop would do, and over which area (the composer's box). */
export interface DropTarget {
  mode: DropMode
  /** Where the composer is, when attaching (the overlay covers only it). */
  area: { top: number; left: number; width: number; height: number } | null
}

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files')
}

/** Over the composer (its form carries `data-drop-attach`), files are attached, not imported. */
function attachArea(target: EventTarget | null): Element | null {
  return target instanceof Element ? target.closest('[data-drop-attach]') : null
}

function targetAt(target: EventTarget | null): DropTarget {
  const area = attachArea(target)?.getBoundingClientRect()
  if (!area) return { mode: 'import', area: null }
  const { top, left, width, height } = area
  return { mode: 'attach', area: { top, left, width, height } }
}

/**
 * Files or folders dropped anywhere on the window, except on the composer (which attaches them
 * itself), are imported; returns what a drop would do while a drag is over the window.
 */
export function useWindowDrop(): DropTarget | null {
  const [drop, setDrop] = useState<DropTarget | null>(null)
  useEffect(() => {
    let depth = 0
    // dragover repeats many times a second: the state changes only when what it shows does.
    let shown = ''
    function setMode(target: EventTarget | null | false) {
      const next = target === false ? null : targetAt(target)
      const key = JSON.stringify(next)
      if (key === shown) return
      shown = key
      setDrop(next)
    }
    function onEnter(event: DragEvent) {
      if (!hasFiles(event)) return
      depth += 1
      setMode(event.target)
    }
    function onLeave(event: DragEvent) {
      if (!hasFiles(event)) return
      depth = Math.max(0, depth - 1)
      if (depth === 0) setMode(false)
    }
    function onOver(event: DragEvent) {
      if (!hasFiles(event)) return
      // Without this the browser opens the dropped file in place of the app.
      event.preventDefault()
      setMode(event.target)
    }
    function onDrop(event: DragEvent) {
      if (!hasFiles(event)) return
      depth = 0
      setMode(false)
      // The composer took it (a drop it handled does not bubble here; this is the safety net).
      if (event.defaultPrevented || attachArea(event.target)) return
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
  return drop
}
