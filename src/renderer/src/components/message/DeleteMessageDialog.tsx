import { useRef } from 'react'
import { useChatStore } from '../../stores/chatStore'
import { Dialog } from '../Dialog'

/** Confirmation before a message (and what follows it on this branch) is deleted. */
export function DeleteMessageDialog() {
  const message = useChatStore((s) => s.confirmDeleteMessage)
  const ask = useChatStore((s) => s.askDeleteMessage)
  const remove = useChatStore((s) => s.deleteMessage)
  const cancelRef = useRef<HTMLButtonElement>(null)
  if (!message) return null
  return (
    <Dialog
      title="Delete message?"
      description="This message and everything below it on this branch will be deleted. Other versions stay. You can undo right after."
      onClose={() => ask(null)}
      initialFocus={cancelRef}
      actions={
        <>
          <button
            ref={cancelRef}
            type="button"
            className="button-secondary"
            onClick={() => ask(null)}
          >
            Cancel
          </button>
          <button type="button" className="button-danger" onClick={() => void remove(message)}>
            Delete
          </button>
        </>
      }
    />
  )
}
