import type { Message } from '../../../../shared/domain'
import { useChatStore } from '../../stores/chatStore'

const PROVIDER_ADVICE = 'Check the provider in Settings, then send your message again.'
const FAILURE_ADVICE: Record<string, string> = {
  BRIDGE_DISCONNECTED: 'Send your message again once ActiveMirror is reachable.',
  CORE_RESTARTED: 'Send your message again.',
  CORE_UNAVAILABLE: 'Restart ActiveMirror, then send your message again.',
}

/** Why a reply ended early, in words, and "Retry" for a new version of it in its place. */
export function StatusNote({ message }: { message: Message }) {
  const regenerate = useChatStore((s) => s.regenerate)
  const busy = useChatStore((s) =>
    Boolean(s.activeBySession[message.sessionId] || s.sending[message.sessionId]),
  )
  if (message.status === 'complete') return null
  const reason = message.metadata.error?.message
  const stopped = message.status === 'stopped'
  const kept = message.content ? 'What arrived is kept. ' : ''
  // A dropped connection or a stopped core is not the provider's fault: no Settings for it.
  const advice = stopped
    ? 'The reply was cut short; what arrived is kept.'
    : kept + (FAILURE_ADVICE[message.metadata.error?.code ?? ''] ?? PROVIDER_ADVICE)
  return (
    <div className={`message-status message-status-${stopped ? 'stopped' : 'failed'}`}>
      <p>
        <strong>{stopped ? 'Stopped.' : `Failed${reason ? `: ${reason}` : '.'}`}</strong> {advice}
      </p>
      {message.role === 'assistant' && (
        <button
          type="button"
          className="button-secondary"
          disabled={busy}
          onClick={() => void regenerate(message)}
        >
          Retry
        </button>
      )}
    </div>
  )
}
