import { useSessionsStore } from '../stores/sessionsStore'
import { alertsFor, useUiStore } from '../stores/uiStore'

const HINTS: Record<string, string> = {
  BRIDGE_DISCONNECTED: 'ActiveMirror will reconnect by itself when the host is back.',
  PROVIDER_UNREACHABLE: 'Check that the provider is running, or pick another in Settings.',
  PROVIDER_AUTH_FAILED: 'Check the API key in Settings.',
  STORAGE_BUSY: 'Another program is using the data; try again in a moment.',
  CORE_RESTARTED: 'Your saved conversations are kept; if the vault was open, unlock it again.',
  CORE_UNAVAILABLE: 'Your saved conversations are kept.',
}

/** Errors in role "alert" (announced at once), dismissible; never replace the screen. */
export function AlertRegion() {
  const allAlerts = useUiStore((s) => s.alerts)
  const openSessionId = useSessionsStore((s) => s.selectedId)
  // Another session's failure stays with that session; it shows again when it is reopened.
  const alerts = alertsFor(allAlerts, openSessionId)
  const dismiss = useUiStore((s) => s.dismissAlert)
  // While the connection banner is up it already says this; the same words twice is noise.
  const bannerShown = useUiStore((s) => s.connection === 'closed' || s.connection === 'refused')
  const shown = bannerShown ? alerts.filter((a) => a.code !== 'BRIDGE_DISCONNECTED') : alerts
  if (shown.length === 0) return null
  return (
    <div className="alerts">
      {shown.map((alert) => (
        <div key={alert.id} role="alert" className="alert">
          <p>
            {alert.message}
            {HINTS[alert.code] ? ` ${HINTS[alert.code]}` : ''}
          </p>
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss"
            onClick={() => dismiss(alert.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  )
}

/** Polite announcements: import results, exports, archive and delete confirmations. */
export function StatusRegion() {
  const status = useUiStore((s) => s.status)
  const sticky = useUiStore((s) => s.statusSticky && s.status !== '')
  const details = useUiStore((s) => s.statusDetails)
  const dismiss = useUiStore((s) => s.dismissStatus)
  // One live region that stays mounted, so every new text is announced; a result is shown as a
  // notice around it, with the dismiss button outside the announced text.
  return (
    <div className={sticky ? 'status-notice' : undefined}>
      <div className="status-notice-body">
        <p role="status" className={status ? 'status status-visible' : 'status'}>
          {status}
        </p>
        {sticky && details.length > 0 && (
          <ul className="status-details" aria-label="Imported sessions">
            {details.map((name, i) => (
              <li key={i}>{name}</li>
            ))}
          </ul>
        )}
      </div>
      {sticky && (
        <button type="button" className="icon-button" aria-label="Dismiss notice" onClick={dismiss}>
          ×
        </button>
      )}
    </div>
  )
}

export function ConnectionBanner() {
  const connection = useUiStore((s) => s.connection)
  // A first 'connecting' is not news; App reports reconnect attempts as 'closed'.
  if (connection !== 'closed' && connection !== 'refused') return null
  const text =
    connection === 'refused'
      ? 'ActiveMirror refused this page. Open the link printed by `amos serve` again.'
      : 'Connection to ActiveMirror lost. Reconnecting…'
  return (
    <div role="alert" className="connection-banner">
      {text}
    </div>
  )
}

/**
 * The app's core (storage, vault, providers) stopped: restarted (a dismissible notice), or
 * stopped for good (a banner that stays, since nothing works until ActiveMirror restarts).
 */
export function CoreNotice() {
  const notice = useUiStore((s) => s.coreRestartNotice)
  const stopped = useUiStore((s) => s.coreStopped)
  const dismiss = useUiStore((s) => s.dismissCoreNotice)
  if (stopped) {
    return (
      <div role="alert" className="connection-banner">
        ActiveMirror’s core keeps stopping, so it was not restarted again. Restart ActiveMirror to
        continue; your saved conversations are kept.
      </div>
    )
  }
  if (!notice) return null
  return (
    <div className="alerts">
      <div role="alert" className="alert">
        <p>{notice}</p>
        <button type="button" className="icon-button" aria-label="Dismiss" onClick={dismiss}>
          ×
        </button>
      </div>
    </div>
  )
}
