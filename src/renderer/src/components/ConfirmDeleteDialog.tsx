import { useRef } from 'react'
import { useSessionsStore } from '../stores/sessionsStore'
import { useUiStore } from '../stores/uiStore'
import { Dialog } from './Dialog'

/** Modal confirmation before deleting a session; Esc or Cancel keeps it. */
export function ConfirmDeleteDialog() {
  const id = useUiStore((s) => s.confirmDeleteId)
  const askDelete = useUiStore((s) => s.askDelete)
  const title = useSessionsStore((s) => (id ? s.byId[id]?.title : undefined))
  const remove = useSessionsStore((s) => s.remove)
  const cancelRef = useRef<HTMLButtonElement>(null)

  if (!id) return null
  return (
    <Dialog
      title="Delete session?"
      description={`“${title ?? 'This session'}” and all of its messages will be deleted from this device. This cannot be undone; export it first if you may want it later.`}
      onClose={() => askDelete(null)}
      initialFocus={cancelRef}
      actions={
        <>
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
        </>
      }
    />
  )
}
