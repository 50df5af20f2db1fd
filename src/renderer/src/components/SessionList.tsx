import type { KeyboardEvent } from 'react'
import { useSessionsStore } from '../stores/sessionsStore'
import { SessionItem } from './SessionItem'

const MOVES: Record<string, (at: number, count: number) => number> = {
  ArrowDown: (at, count) => Math.min(at + 1, count - 1),
  ArrowUp: (at) => Math.max(at - 1, 0),
  Home: () => 0,
  End: (_at, count) => count - 1,
}

/** Up/Down (Home/End) move between sessions while one has focus; Enter opens it (it is a link). */
function moveFocus(event: KeyboardEvent<HTMLUListElement>): void {
  const move = MOVES[event.key]
  if (!move || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return
  const links = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('.session-link'))
  const at = links.indexOf(event.target as HTMLElement)
  // Only from a session's own link: the actions button and the rename field keep their keys.
  if (at < 0) return
  event.preventDefault()
  links[move(at, links.length)]?.focus()
}

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
        onKeyDown={moveFocus}
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
