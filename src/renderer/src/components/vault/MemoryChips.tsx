import type { Message } from '../../../../shared/domain'

/** Which vault entries the model was given for this reply (names only, never values). */
export function MemoryChips({ message }: { message: Message }) {
  const memories = (message.metadata.contextSources ?? []).filter((s) => s.kind === 'memory')
  if (memories.length === 0) return null
  return (
    <ul className="memory-chips" aria-label="Vault memories used">
      {memories.map((m) => (
        <li key={m.id} className="tag tag-memory">
          {m.label}
        </li>
      ))}
    </ul>
  )
}
