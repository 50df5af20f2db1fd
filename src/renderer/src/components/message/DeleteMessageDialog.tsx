import { useChatStore } from '../../stores/chatStore'
import { ConfirmDialog } from '../ConfirmDialog'

/** Confirmation before a message (and what follows it on this branch) is deleted. */
export function DeleteMessageDialog() {
  const message = useChatStore((s) => s.confirmDeleteMessage)
  const ask = useChatStore((s) => s.askDeleteMessage)
  const remove = useChatStore((s) => s.deleteMessage)
  if (!message) return null
  return (
    <ConfirmDialog
      title="Delete message?"
      description="This message and everything below it on this branch will be deleted. Other versions stay. You can undo right after."
      confirmLabel="Delete"
      onCancel={() => ask(null)}
      onConfirm={() => void remove(message)}
    />
  )
}
