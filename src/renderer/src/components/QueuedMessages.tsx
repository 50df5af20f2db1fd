import { useId } from 'react'
import type { QueuedMessage } from '../stores/sendQueueStore'
import { useSendQueueStore } from '../stores/sendQueueStore'

/**
 * Messages written while a reply streams: each is sent in turn when a reply ends. Cancelling one
 * hands its text to `onCancel` (the composer takes it back), so cancelling loses nothing.
 */
export function QueuedMessages({
  sessionId,
  onCancel,
}: {
  sessionId: string
  onCancel(message: QueuedMessage): void
}) {
  const queued = useSendQueueStore((s) => s.bySession[sessionId])
  const remove = useSendQueueStore((s) => s.remove)
  const ids = useId()
  if (!queued || queued.length === 0) return null
  return (
    <section className="queued">
      <p className="queued-note">
        {queued.length === 1 ? 'Queued: sends' : `${queued.length} queued: they send in order`} when
        the reply ends.
      </p>
      <ol className="queued-list" aria-label="Queued messages">
        {queued.map((message) => (
          <li key={message.id} className="queued-item">
            <span id={`${ids}-${message.id}`} className="queued-text">
              {message.text}
            </span>
            <button
              type="button"
              className="button-quiet queued-cancel"
              aria-label="Cancel queued message"
              aria-describedby={`${ids}-${message.id}`}
              title="Cancel: the text goes back into the message box"
              onClick={() => {
                const cancelled = remove(sessionId, message.id)
                if (cancelled) onCancel(cancelled)
              }}
            >
              Cancel
            </button>
          </li>
        ))}
      </ol>
    </section>
  )
}
