import { useSearchStore } from '../stores/searchStore'
import type { SessionsView } from '../stores/sessionsStore'
import { useSessionsStore } from '../stores/sessionsStore'
import { useUiStore } from '../stores/uiStore'
import { ImportControls } from './ImportControls'
import { NewSessionMenu } from './NewSessionMenu'
import { VaultButton } from './vault/VaultButton'
import { SuggestionsButton } from './memory/SuggestionsButton'
import { TemporaryChatButton } from './memory/TemporaryChatButton'
import { SearchBox } from './SearchBox'
import { SearchResults } from './SearchResults'
import { SessionList } from './SessionList'

function ViewToggle() {
  const view = useSessionsStore((s) => s.view)
  const load = useSessionsStore((s) => s.load)
  const show = (next: SessionsView) => {
    if (next !== view) void load(next)
  }
  return (
    <div className="view-toggle" role="group" aria-label="Which sessions">
      <button type="button" aria-pressed={view === 'active'} onClick={() => show('active')}>
        Active
      </button>
      <button type="button" aria-pressed={view === 'archived'} onClick={() => show('archived')}>
        Archived
      </button>
    </div>
  )
}

export function Sidebar() {
  const searching = useSearchStore((s) => s.query.trim() !== '')
  const setSettingsOpen = useUiStore((s) => s.setSettingsOpen)
  const settingsOpen = useUiStore((s) => s.settingsOpen)

  return (
    <aside className="sidebar">
      <nav aria-label="Sessions" className="sidebar-nav">
        <div className="sidebar-top">
          <h1 className="brand">
            <span aria-hidden="true">◈</span> ActiveMirror
          </h1>
          <NewSessionMenu />
          <TemporaryChatButton />
        </div>
        <SearchBox />
        {searching ? (
          <SearchResults />
        ) : (
          <>
            <ViewToggle />
            <SessionList />
          </>
        )}
      </nav>
      <div className="sidebar-footer">
        <ImportControls />
        <button
          type="button"
          className="button-quiet"
          aria-expanded={settingsOpen}
          onClick={() => setSettingsOpen(!settingsOpen)}
        >
          Settings
        </button>
        <VaultButton />
        <SuggestionsButton onlyWhenWaiting />
      </div>
    </aside>
  )
}
