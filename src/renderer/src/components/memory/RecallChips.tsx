import type { Message } from '../../../../shared/domain'
import { onePerSession } from '../../../../shared/recallUses'
import { useMemoryStore } from '../../stores/memoryStore'

/** "Recalled from": the past messages this reply was given; each opens its source message. */
export function RecallChips({ message }: { message: Message }) {
  const openSource = useMemoryStore((s) => s.openSource)
  // Replies stored before recall listed each session once may still hold two of its snippets.
  const recalled = onePerSession(message.metadata.contextSources ?? []).filter(
    (s) => s.kind === 'recall' && s.sessionId && s.messageId,
  )
  if (recalled.length === 0) return null
  // Two sessions with the same title get "Title", "Title (2)", so each chip has its own name.
  const seen = new Map<string, number>()
  const names = recalled.map((use) => {
    const n = (seen.get(use.label) ?? 0) + 1
    seen.set(use.label, n)
    return n === 1 ? use.label : `${use.label} (${n})`
  })
  return (
    <div className="recall-chips">
      <span className="recall-chips-label" id={`recalled-${message.id}`}>
        Recalled from
      </span>
      <ul aria-labelledby={`recalled-${message.id}`}>
        {recalled.map((use, i) => (
          <li key={use.id}>
            <button
              type="button"
              className="tag tag-recall"
              title="Open the recalled message"
              onClick={() => void openSource(use.sessionId!, use.messageId!)}
            >
              {names[i]}
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}
