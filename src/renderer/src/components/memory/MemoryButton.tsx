import { useMemoryStore } from '../../stores/memoryStore'

/** Chat header: opens the memory panel for this conversation. */
export function MemoryButton({ sessionId }: { sessionId: string }) {
  const open = useMemoryStore((s) => s.panelSessionId === sessionId)
  const openPanel = useMemoryStore((s) => s.openPanel)
  return (
    <button
      type="button"
      className="button-quiet"
      aria-expanded={open}
      onClick={() => openPanel(open ? null : sessionId)}
    >
      Memory
    </button>
  )
}
