import { useSessionsStore } from '../stores/sessionsStore'
import { SessionItem } from './SessionItem'

export function SessionList() {
  const order = useSessionsStore((s) => s.order)
  const view = useSessionsStore((s) => s.view)
  const loaded = useSessionsStore((s) => s.loaded)
  const loading = useSessionsStore((s) => s.loading)
  const hasMore = useSessionsStore((s) => s.nextCursor !== null)
  const loadMore = useSessionsStore((s) => s.loadMore)

  if (!loaded) return <p className="sidebar-note">{loading ? 'Loading sessions…' : ''}</p>
  if (order.length === 0) {
    return (
      <p className="sidebar-note">
        {view === 'archived'
          ? 'No archived sessions. Archive a session from its actions menu to tuck it away here.'
          : 'No sessions yet. Start one with New session.'}
      </p>
    )
  }
  return (
    <>
      <ul
        className="session-list"
        aria-label={view === 'archived' ? 'Archived sessions' : 'Recent sessions'}
      >
        {order.map((id) => (
          <SessionItem key={id} sessionId={id} />
        ))}
      </ul>
      {hasMore && (
        <button
          type="button"
          className="button-quiet"
          disabled={loading}
          onClick={() => void loadMore()}
        >
          {loading ? 'Loading…' : 'Show older sessions'}
        </button>
      )}
    </>
  )
}
