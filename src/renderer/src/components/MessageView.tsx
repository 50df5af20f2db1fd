import { memo } from 'react'
import type { Message } from '../../../shared/domain'
import { PATTERN_INFO } from '../../../shared/patterns'
import { formatMessageTime } from '../lib/format'
import { ContextButton } from './context/ContextButton'
import { overallLevel } from '../lib/uncertainty'
import { ROLE_NAMES } from '../lib/roles'
import { isDamagedPlaceholder, isLockedPlaceholder } from '../lib/sealedMessages'
import { Markdown } from './Markdown'
import { DamagedMessage } from './vault/DamagedMessage'
import { LockedMessage } from './vault/LockedMessage'
import { MemoryChips } from './vault/MemoryChips'
import { RecallChips } from './memory/RecallChips'
import { UncertaintyBadge } from './UncertaintyBadge'

const PROVIDER_ADVICE = 'Check the provider in Settings, then send your message again.'
const FAILURE_ADVICE: Record<string, string> = {
  BRIDGE_DISCONNECTED: 'Send your message again once ActiveMirror is reachable.',
  CORE_RESTARTED: 'Send your message again.',
  CORE_UNAVAILABLE: 'Restart ActiveMirror, then send your message again.',
}

function StatusNote({ message }: { message: Message }) {
  if (message.status === 'complete') return null
  const reason = message.metadata.error?.message
  if (message.status === 'stopped') {
    return (
      <p className="message-status message-status-stopped">
        <strong>Stopped.</strong> The reply was cut short; what arrived is kept. Send your message
        again for a complete answer.
      </p>
    )
  }
  // A dropped connection or a stopped core is not the provider's fault: no Settings for it.
  const advice = FAILURE_ADVICE[message.metadata.error?.code ?? ''] ?? PROVIDER_ADVICE
  const kept = message.content ? ' What arrived is kept.' : ''
  return (
    <p className="message-status message-status-failed">
      <strong>Failed{reason ? `: ${reason}` : '.'}</strong>
      {kept} {advice}
    </p>
  )
}

interface Props {
  message: Message
  highlighted?: boolean
}

/** One message; memoized so a streaming reply or a new message does not re-render the rest. */
export const MessageView = memo(function MessageView({ message, highlighted = false }: Props) {
  const isAssistant = message.role === 'assistant'
  const pattern = isAssistant && message.pattern ? PATTERN_INFO[message.pattern] : null
  const classes = ['message', `message-${message.role}`, `message-${message.status}`]
  if (highlighted) classes.push('message-highlighted')
  return (
    <article
      className={classes.join(' ')}
      aria-label={`${message.role} message`}
      data-message-id={message.id}
      aria-current={highlighted ? 'true' : undefined}
    >
      <header className="message-header">
        <span className="message-role">{ROLE_NAMES[message.role]}</span>
        {pattern && (
          <span
            className={`pattern-glyph pattern-${pattern.id}`}
            role="img"
            aria-label={`pattern: ${pattern.label}`}
            title={`${pattern.label} pattern`}
          >
            {pattern.glyph}
          </span>
        )}
        {isAssistant && <UncertaintyBadge level={overallLevel(message)} overall />}
        {message.sensitive && <span className="tag tag-sensitive">Sensitive</span>}
        <time className="message-time" dateTime={message.createdAt}>
          {formatMessageTime(message.createdAt)}
        </time>
        {isAssistant && <ContextButton message={message} />}
      </header>
      {isLockedPlaceholder(message) ? (
        <LockedMessage />
      ) : isDamagedPlaceholder(message) ? (
        <DamagedMessage />
      ) : isAssistant ? (
        <Markdown text={message.content} />
      ) : (
        <div className="message-plain">{message.content}</div>
      )}
      <StatusNote message={message} />
      {isAssistant && <MemoryChips message={message} />}
      {isAssistant && <RecallChips message={message} />}
    </article>
  )
})
