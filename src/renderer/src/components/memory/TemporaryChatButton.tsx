import { useEffect, useRef } from 'react'
import { useMemoryStore } from '../../stores/memoryStore'
import { useSessionsStore } from '../../stores/sessionsStore'

/** Leaving a temporary chat (opening anything else) discards it. */
function useDiscardOnLeave(): void {
  const selectedId = useSessionsStore((s) => s.selectedId)
  const previous = useRef<string | null>(null)
  useEffect(() => {
    const left = previous.current
    previous.current = selectedId
    if (left && left !== selectedId && useMemoryStore.getState().temporaryIds.includes(left)) {
      void useMemoryStore.getState().endTemporary(left)
    }
  }, [selectedId])
}

/** Sidebar: opens a chat that is neither stored nor recalled. */
export function TemporaryChatButton() {
  const start = useMemoryStore((s) => s.startTemporary)
  useDiscardOnLeave()
  return (
    <button
      type="button"
      className="button-quiet"
      title="A chat that is not saved and never recalled"
      onClick={() => void start()}
    >
      Temporary chat
    </button>
  )
}

/** Chat header: says plainly that this conversation is not saved. */
export function TemporaryLabel({ sessionId }: { sessionId: string }) {
  const temporary = useMemoryStore((s) => s.temporaryIds.includes(sessionId))
  if (!temporary) return null
  return (
    <span className="tag tag-temporary" role="note">
      Temporary — not saved
    </span>
  )
}
