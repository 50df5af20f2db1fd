import { useChatStore } from '../../stores/chatStore'

/** After a delete in this session: how much went, and Undo (until the next delete or Dismiss). */
export function UndoBar({ sessionId }: { sessionId: string }) {
  const entry = useChatStore((s) => s.undoBySession[sessionId])
  const undo = useChatStore((s) => s.undoDelete)
  const dismiss = useChatStore((s) => s.dismissUndo)
  if (!entry) return null
  const what = entry.removed === 1 ? '1 message' : `${entry.removed} messages`
  return (
    <div className="undo-bar" role="status">
      <span>Deleted {what}.</span>
      <button type="button" className="button-secondary" onClick={() => void undo(sessionId)}>
        Undo
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="Dismiss"
        onClick={() => dismiss(sessionId)}
      >
        ×
      </button>
    </div>
  )
}
