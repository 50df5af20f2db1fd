import { useEffect, useId, useRef } from 'react'
import type { KeyboardEvent } from 'react'
import { useSessionsStore } from '../stores/sessionsStore'
import { useUiStore } from '../stores/uiStore'

/** Modal confirmation before deleting a session; Esc or Cancel keeps it. */
export function ConfirmDeleteDialog() {
  const id = useUiStore((s) => s.confirmDeleteId)
  const askDelete = useUiStore((s) => s.askDelete)
  const title = useSessionsStore((s) => (id ? s.byId[id]?.title : undefined))
  const remove = useSessionsStore((s) => s.remove)
  const cancelRef = useRef<HTMLButtonElement>(null)
  const dialogRef = useRef<HTMLDivElement>(null)
  const ids = useId()

  useEffect(() => {
    if (!id) return
    const previous = document.activeElement as HTMLElement | null
    cancelRef.current?.focus()
    return () => previous?.focus?.()
  }, [id])

  if (!id) return null

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.stopPropagation()
      askDelete(null)
      return
    }
    if (event.key !== 'Tab') return
    // Keep focus inside the dialog while it is open.
    const buttons = Array.from(dialogRef.current?.querySelectorAll('button') ?? [])
    const first = buttons[0]
    const last = buttons[buttons.length - 1]
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault()
      last?.focus()
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault()
      first?.focus()
    }
  }

  return (
    <div className="dialog-backdrop">
      <div
        ref={dialogRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${ids}-title`}
        aria-describedby={`${ids}-body`}
        className="dialog"
        onKeyDown={onKeyDown}
      >
        <h2 id={`${ids}-title`}>Delete session?</h2>
        <p id={`${ids}-body`}>
          “{title ?? 'This session'}” and all of its messages will be deleted from this device. This
          cannot be undone; export it first if you may want it later.
        </p>
        <div className="dialog-actions">
          <button
            ref={cancelRef}
            type="button"
            className="button-secondary"
            onClick={() => askDelete(null)}
          >
            Cancel
          </button>
          <button
            type="button"
            className="button-danger"
            onClick={() => {
              askDelete(null)
              void remove(id)
            }}
          >
            Delete
          </button>
        </div>
      </div>
    </div>
  )
}
