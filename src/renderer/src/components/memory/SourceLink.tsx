import type { MouseEvent } from 'react'
import { useEffect } from 'react'
import { sessionHref } from '../../lib/location'
import { useMemoriesStore } from '../../stores/memoriesStore'
import { useMemoryStore } from '../../stores/memoryStore'
import { useSessionsStore } from '../../stores/sessionsStore'

interface Props {
  sessionId: string
  messageId?: string
  /** Called before the session opens (a dialog or panel showing the link closes). */
  onOpen?(): void
}

/** "From <session title>": opens the session at the message a memory was drafted from. */
export function SourceLink({ sessionId, messageId, onOpen }: Props) {
  const scopes = useMemoriesStore((s) => s.sessions[sessionId])
  const loadSession = useMemoriesStore((s) => s.loadSession)
  const openSource = useMemoryStore((s) => s.openSource)
  const select = useSessionsStore((s) => s.select)
  useEffect(() => {
    void loadSession(sessionId)
  }, [sessionId, loadSession])

  if (scopes === null) return <span className="memory-meta">From a deleted session</span>
  const open = (event: MouseEvent) => {
    event.preventDefault()
    onOpen?.()
    void (messageId ? openSource(sessionId, messageId) : select(sessionId))
  }
  return (
    <span className="memory-meta">
      From{' '}
      <a href={sessionHref(sessionId)} className="memory-source" onClick={open}>
        {scopes?.title ?? 'its session'}
      </a>
    </span>
  )
}
