import type { KeyboardEvent } from 'react'
import { useEffect, useId, useRef } from 'react'
import { useVaultStore } from '../../stores/vaultStore'

/** Asked when an exported session holds sensitive messages: their text, or placeholders? */
export function ExportSensitiveDialog() {
  const pending = useVaultStore((s) => s.pendingExport)
  const finish = useVaultStore((s) => s.finishExport)
  const firstRef = useRef<HTMLButtonElement>(null)
  const ids = useId()

  useEffect(() => {
    if (!pending) return
    const previous = document.activeElement as HTMLElement | null
    firstRef.current?.focus()
    return () => previous?.focus?.()
  }, [pending])

  if (!pending) return null
  const count = pending.placeholders.sensitiveMessages ?? 0

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'Escape') return
    event.stopPropagation()
    void finish(null)
  }

  return (
    <div className="dialog-backdrop">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${ids}-title`}
        aria-describedby={`${ids}-body`}
        className="dialog"
        onKeyDown={onKeyDown}
      >
        <h2 id={`${ids}-title`}>Include sensitive messages?</h2>
        <p id={`${ids}-body`}>
          This session holds {count} sensitive {count === 1 ? 'message' : 'messages'}. The exported
          file is not encrypted: include their text, or leave a placeholder in their place.
        </p>
        <div className="dialog-actions">
          <button type="button" className="button-quiet" onClick={() => void finish(null)}>
            Cancel
          </button>
          <button
            ref={firstRef}
            type="button"
            className="button-secondary"
            onClick={() => void finish(false)}
          >
            Use placeholders
          </button>
          <button type="button" className="button-primary" onClick={() => void finish(true)}>
            Include sensitive messages
          </button>
        </div>
      </div>
    </div>
  )
}
