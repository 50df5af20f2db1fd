import { useSessionsStore } from '../stores/sessionsStore'
import { useUiStore } from '../stores/uiStore'
import { ConfirmDialog } from './ConfirmDialog'

/** Modal confirmation before deleting a session; Esc or Cancel keeps it. */
export function ConfirmDeleteDialog() {
  const id = useUiStore((s) => s.confirmDeleteId)
  const askDelete = useUiStore((s) => s.askDelete)
  const title = useSessionsStore((s) => (id ? s.byId[id]?.title : undefined))
  const remove = useSessionsStore((s) => s.remove)

  if (!id) return null
  return (
    <ConfirmDialog
      title="Delete session?"
      description={`“${title ?? 'This session'}” and all of its messages will be deleted from this device. This cannot be undone; export it first if you may want it later.`}
      confirmLabel="Delete"
      onCancel={() => askDelete(null)}
      onConfirm={() => {
        askDelete(null)
        void remove(id)
      }}
    />
  )
}
