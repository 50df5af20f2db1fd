import { useFoldersStore } from '../../stores/foldersStore'
import { ConfirmDialog } from '../ConfirmDialog'

/** Deleting a folder keeps its sessions: the question says so. */
export function ConfirmDeleteFolderDialog() {
  const id = useFoldersStore((s) => s.confirmDeleteId)
  const askDelete = useFoldersStore((s) => s.askDelete)
  const name = useFoldersStore((s) => s.folders.find((f) => f.id === id)?.name)
  const remove = useFoldersStore((s) => s.remove)
  if (!id) return null
  return (
    <ConfirmDialog
      title="Delete folder?"
      description={`The folder “${name ?? 'this folder'}” will be deleted. Its sessions are kept and go back to no folder.`}
      confirmLabel="Delete folder"
      onCancel={() => askDelete(null)}
      onConfirm={() => {
        askDelete(null)
        void remove(id)
      }}
    />
  )
}
