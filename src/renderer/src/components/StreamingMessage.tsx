import { useChatStore } from '../stores/chatStore'
import { Markdown } from './Markdown'

/** The reply arriving now: the only row that re-renders on each chat.delta. */
export function StreamingMessage({ requestId }: { requestId: string }) {
  const text = useChatStore((s) => s.streams[requestId]?.text ?? '')
  return (
    <article
      className="message message-assistant message-streaming"
      aria-label="assistant message"
      aria-busy="true"
    >
      <header className="message-header">
        <span className="message-role">Mirror</span>
        <span className="message-typing">{text ? 'writing…' : 'thinking…'}</span>
      </header>
      {text ? (
        <Markdown text={text} live />
      ) : (
        <div className="message-placeholder" aria-hidden="true">
          ▍
        </div>
      )}
    </article>
  )
}
