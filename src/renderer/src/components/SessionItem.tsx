import { memo } from 'react'
import { formatSessionDate } from '../lib/format'
import { sessionHref } from '../lib/location'
import { useSessionsStore } from '../stores/sessionsStore'
import { RenameField } from './RenameField'
import { SessionActionsMenu } from './SessionActionsMenu'
import { sessionDragProps } from './transfer/sessionDrag'

export const SessionItem = memo(function SessionItem({ sessionId }: { sessionId: string }) {
  const session = useSessionsStore((s) => s.byId[sessionId])
  const selected = useSessionsStore((s) => s.selectedId === sessionId)
  const renaming = useSessionsStore((s) => s.renamingId === sessionId)
  const select = useSessionsStore((s) => s.select)
  if (!session) return null

  return (
    <li className={selected ? 'session-item session-item-selected' : 'session-item'}>
      {renaming ? (
        <RenameField sessionId={sessionId} title={session.title} />
      ) : (
        <a
          className="session-link"
          href={sessionHref(sessionId)}
          aria-current={selected ? 'page' : undefined}
          {...sessionDragProps(sessionId, session.title)}
          onClick={(event) => {
            event.preventDefault()
            void select(sessionId)
          }}
        >
          {session.title}
        </a>
      )}
      <span className="session-meta">
        {formatSessionDate(session.updatedAt)} · {session.messageCount}{' '}
        {session.messageCount === 1 ? 'message' : 'messages'}
      </span>
      <SessionActionsMenu sessionId={sessionId} />
    </li>
  )
})
