import { formatSessionDate } from '../lib/format'
import { sessionHref } from '../lib/location'
import { ROLE_NAMES } from '../lib/roles'
import { useSearchStore } from '../stores/searchStore'
import { useSessionsStore } from '../stores/sessionsStore'
import { Snippet } from './Snippet'

export function SearchResults() {
  const query = useSearchStore((s) => s.query.trim())
  const resultsFor = useSearchStore((s) => s.resultsFor)
  const searching = useSearchStore((s) => s.searching)
  const sessions = useSearchStore((s) => s.sessions)
  const hits = useSearchStore((s) => s.hits)
  const openHit = useSearchStore((s) => s.openHit)
  const select = useSessionsStore((s) => s.select)

  const stale = resultsFor !== query
  const nothing = !stale && !searching && sessions.length === 0 && hits.length === 0

  return (
    <div className="search-results" aria-busy={searching}>
      {nothing && <p className="sidebar-note">Nothing matches “{query}”.</p>}
      {sessions.length > 0 && (
        <section aria-label="Matching sessions">
          <h3 className="search-heading">Sessions</h3>
          <ul className="session-list">
            {sessions.map((session) => (
              <li key={session.id} className="session-item">
                <a
                  className="session-link"
                  href={sessionHref(session.id)}
                  onClick={(event) => {
                    event.preventDefault()
                    void select(session.id)
                  }}
                >
                  {session.title}
                </a>
                <span className="session-meta">
                  {session.archived && <span className="archived-mark">Archived</span>}
                  {formatSessionDate(session.updatedAt)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {hits.length > 0 && (
        <section aria-label="Matching messages">
          <h3 className="search-heading">Messages</h3>
          <ul className="hit-list">
            {hits.map((hit) => (
              <li key={hit.messageId}>
                <button type="button" className="hit" onClick={() => void openHit(hit)}>
                  <span className="hit-title">{hit.sessionTitle}</span>
                  <span className="hit-meta">
                    {hit.sessionArchived && <span className="archived-mark">Archived</span>}
                    {ROLE_NAMES[hit.role]} · {formatSessionDate(hit.createdAt)}
                  </span>
                  <Snippet text={hit.snippet} />
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {(searching || stale) && <p className="sidebar-note">Searching…</p>}
    </div>
  )
}
