import { useEffect } from 'react'
import { useChatStore } from '../stores/chatStore'
import { useSessionsStore } from '../stores/sessionsStore'
import { Composer } from './Composer'
import { ContextDialog } from './context/ContextDialog'
import { MessageList } from './MessageList'
import { PersonaTag } from './PersonaTag'
import { SessionSettingsButton } from './SessionSettingsDialog'
import { DeleteMessageDialog } from './message/DeleteMessageDialog'
import { RegenerateDialog } from './message/RegenerateDialog'
import { UndoBar } from './message/UndoBar'
import { MemoryButton } from './memory/MemoryButton'
import { TemporaryLabel } from './memory/TemporaryChatButton'

function EmptyChat({ sessionId }: { sessionId: string }) {
  const empty = useChatStore((s) => {
    const entry = s.bySession[sessionId]
    return Boolean(
      entry && !entry.loading && entry.items.length === 0 && !s.activeBySession[sessionId],
    )
  })
  const loading = useChatStore((s) => s.bySession[sessionId]?.loading ?? true)
  if (loading) return <p className="chat-note">Loading messages…</p>
  if (!empty) return null
  return (
    <div className="chat-empty">
      <h2>Nothing here yet</h2>
      <p>
        Write what is on your mind below. Choose a <strong>Pattern</strong> for the kind of
        reflection you want, and an <strong>Uncertainty</strong> level to have the mirror mark how
        sure it is.
      </p>
    </div>
  )
}

export function ChatPane({ sessionId }: { sessionId: string }) {
  const title = useSessionsStore((s) => s.byId[sessionId]?.title ?? '')
  const archived = useSessionsStore((s) => s.byId[sessionId]?.archived ?? false)
  const open = useChatStore((s) => s.open)

  useEffect(() => {
    void open(sessionId)
  }, [open, sessionId])

  return (
    <section className="chat-pane" aria-label={title ? `Conversation: ${title}` : 'Conversation'}>
      <header className="chat-header">
        <h2 className="chat-title">{title}</h2>
        {archived && <span className="tag">Archived</span>}
        <TemporaryLabel sessionId={sessionId} />
        <PersonaTag sessionId={sessionId} />
        <MemoryButton sessionId={sessionId} />
        <SessionSettingsButton sessionId={sessionId} />
      </header>
      <EmptyChat sessionId={sessionId} />
      {/* Fresh per session; sibling keys must differ or React may drop or duplicate one. */}
      <MessageList key={`log-${sessionId}`} sessionId={sessionId} />
      <UndoBar sessionId={sessionId} />
      <Composer key={`composer-${sessionId}`} sessionId={sessionId} />
      <ContextDialog />
      <DeleteMessageDialog />
      <RegenerateDialog />
    </section>
  )
}
