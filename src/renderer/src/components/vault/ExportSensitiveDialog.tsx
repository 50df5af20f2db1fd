import { useRef } from 'react'
import { useVaultStore } from '../../stores/vaultStore'
import { Dialog } from '../Dialog'

/** Asked when an exported session holds sensitive messages: their text, or placeholders? */
export function ExportSensitiveDialog() {
  const pending = useVaultStore((s) => s.pendingExport)
  const finish = useVaultStore((s) => s.finishExport)
  const firstRef = useRef<HTMLButtonElement>(null)

  if (!pending) return null
  const count = pending.placeholders.sensitiveMessages ?? 0
  return (
    <Dialog
      title="Include sensitive messages?"
      description={`This session holds ${count} sensitive ${count === 1 ? 'message' : 'messages'}. The exported file is not encrypted: include their text, or leave a placeholder in their place.`}
      onClose={() => void finish(null)}
      initialFocus={firstRef}
      actions={
        <>
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
        </>
      }
    />
  )
}
