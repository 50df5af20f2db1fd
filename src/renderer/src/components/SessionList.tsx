import { useMemo } from 'react'
import type { ReactNode } from 'react'
import { dateGroups, pinnedSessions } from '../lib/sessionGroups'
import { useFoldersStore } from '../stores/foldersStore'
import { useSessionsStore } from '../stores/sessionsStore'
import { FolderSection } from './folders/FolderSection'
import { useSessionDrop } from './folders/sessionMoveDrag'
import { moveFocus } from './sessionListKeys'
import { SessionItem } from './SessionItem'

/** Pinned first, then folders (active view), then the rest under date headings. */
export function SessionList() {
  const order = useSessionsStore((s) => s.order)
  const byId = useSessionsStore((s) => s.byId)
  const view = useSessionsStore((s) => s.view)
  const loaded = useSessionsStore((s) => s.loaded)
  const loading = useSessionsStore((s) => s.loading)
  const hasMore = useSessionsStore((s) => s.nextCursor !== null)
  const loadMore = useSessionsStore((s) => s.loadMore)
  const folders = useFoldersStore((s) => s.folders)
  const foldersLoaded = useFoldersStore((s) => s.loaded)
  const hasFolders = folders.length > 0
  const { over, props: dropProps } = useSessionDrop(null)
  const archivedView = view === 'archived'

  const { pinned, rows } = useMemo(() => {
    const sessions = order.flatMap((id) => {
      const session = byId[id]
      return session && session.archived === archivedView ? [session] : []
    })
    // The archived view has no folders: everything shows by date. Until the folders arrive,
    // filed sessions wait for them rather than jump from the list into a folder.
    const filed = archivedView
      ? new Set<string>()
      : new Set(
          foldersLoaded ? folders.map((f) => f.id) : sessions.flatMap((s) => s.folderId ?? []),
        )
    const rows: ReactNode[] = []
    for (const group of dateGroups(sessions, { folders: filed })) {
      // One flat keyed list, so a session changing group moves (keeps focus), not remounts.
      rows.push(
        <li key={`group:${group.label}`} role="presentation" className="group-heading-row">
          <h3 className="group-heading">{group.label}</h3>
        </li>,
      )
      for (const s of group.sessions) rows.push(<SessionItem key={s.id} sessionId={s.id} />)
    }
    return { pinned: pinnedSessions(sessions), rows }
  }, [order, byId, archivedView, folders, foldersLoaded])

  if (!loaded) return <p className="sidebar-note">{loading ? 'Loading sessions…' : ''}</p>
  const empty = order.length === 0
  return (
    <>
      {pinned.length > 0 && (
        <section className="pinned-section" aria-labelledby="pinned-heading">
          <div className="group-heading-row">
            <h2 id="pinned-heading" className="group-heading">
              Pinned
            </h2>
          </div>
          <ul className="session-list" aria-label="Pinned sessions" onKeyDown={moveFocus}>
            {pinned.map((s) => (
              <SessionItem key={s.id} sessionId={s.id} />
            ))}
          </ul>
        </section>
      )}
      {!archivedView && <FolderSection />}
      {empty && (archivedView || !hasFolders) ? (
        <p className="sidebar-note">
          {archivedView
            ? 'No archived sessions. Archive a session from its actions menu to tuck it away here.'
            : 'No sessions yet. Start one with New session.'}
        </p>
      ) : (
        <div className={over ? 'session-drop session-drop-over' : 'session-drop'} {...dropProps}>
          {over && <p className="drop-hint">Drop here to take it out of its folder</p>}
          <ul
            className="session-list"
            aria-label={archivedView ? 'Archived sessions' : 'Recent sessions'}
            onKeyDown={moveFocus}
          >
            {rows}
          </ul>
        </div>
      )}
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
