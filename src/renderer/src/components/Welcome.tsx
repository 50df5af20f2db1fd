import { useAppStore } from '../stores/appStore'
import { useSessionsStore } from '../stores/sessionsStore'

/** First run (no sessions) and "nothing open" screen. */
export function Welcome() {
  const info = useAppStore((s) => s.info)
  const firstRun = useSessionsStore((s) => s.loaded && s.view === 'active' && s.order.length === 0)
  const create = useSessionsStore((s) => s.create)
  const provider = info?.provider

  return (
    <section className="welcome" aria-labelledby="welcome-title">
      <h2 id="welcome-title">{firstRun ? 'Welcome to ActiveMirror' : 'Pick up a conversation'}</h2>
      {firstRun ? (
        <p>
          ActiveMirror is a place for reflective conversations that remember. Everything you write
          stays on this device. Each reply follows a <strong>Pattern</strong> (exploratory,
          analytical, creative or strategic) and can mark how <strong>uncertain</strong> it is, so
          you know what to double-check.
        </p>
      ) : (
        <p>Choose a session on the left, search your past conversations, or start a new one.</p>
      )}
      {provider && (
        <p className="welcome-provider">
          {provider.offline ? (
            <>
              Replies come from <strong>{provider.label}</strong>, an offline reflection engine that
              runs on this device: no network and no API key needed. It reflects your words back
              with questions rather than facts; connect a language model in Settings for richer
              answers.
            </>
          ) : (
            <>
              Replies come from <strong>{provider.label}</strong> ({provider.model}).
            </>
          )}
        </p>
      )}
      <button type="button" className="button-primary" onClick={() => void create()}>
        Start a session
      </button>
      <p className="welcome-keys">
        <kbd>Ctrl</kbd>/<kbd>⌘</kbd>+<kbd>N</kbd> new session · <kbd>Ctrl</kbd>/<kbd>⌘</kbd>+
        <kbd>K</kbd> search · <kbd>Esc</kbd> stops a reply · drop exported files anywhere to import
        them
      </p>
    </section>
  )
}
