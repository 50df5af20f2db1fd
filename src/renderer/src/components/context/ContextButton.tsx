import type { Message } from '../../../../shared/domain'
import { useContextStore } from '../../stores/contextStore'

/** On each stored reply: opens "What the model saw". */
export function ContextButton({ message }: { message: Message }) {
  const show = useContextStore((s) => s.show)
  if (message.role !== 'assistant' || message.id.startsWith('local:')) return null
  return (
    <button
      type="button"
      className="button-quiet message-context-button"
      onClick={() => void show(message.sessionId, message.id)}
    >
      What the model saw
    </button>
  )
}
