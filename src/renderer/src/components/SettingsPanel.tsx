import { useAppStore } from '../stores/appStore'
import { useUiStore } from '../stores/uiStore'
import { ContinuitySection } from './continuity/ContinuitySection'
import { IdentitySection } from './continuity/IdentitySection'
import { ProvidersSection } from './settings/ProvidersSection'

/** What the app runs on, and the AI providers (components/settings/). */
export function SettingsPanel() {
  const open = useUiStore((s) => s.settingsOpen)
  const setOpen = useUiStore((s) => s.setSettingsOpen)
  const info = useAppStore((s) => s.info)
  if (!open) return null
  return (
    <section className="settings-panel" aria-labelledby="settings-title" role="region">
      <header className="settings-header">
        <h2 id="settings-title">Settings</h2>
        <button
          type="button"
          className="icon-button"
          aria-label="Close settings"
          onClick={() => setOpen(false)}
        >
          ×
        </button>
      </header>
      {info ? (
        <dl className="settings-list">
          <dt>Default provider</dt>
          <dd>
            {info.provider.label} · {info.provider.model}
          </dd>
          <dt>Storage</dt>
          <dd>{info.storage}</dd>
          <dt>Data folder</dt>
          <dd className="settings-path">{info.dataDir}</dd>
          <dt>Version</dt>
          <dd>{info.version}</dd>
        </dl>
      ) : (
        <p>Loading…</p>
      )}
      <ProvidersSection />
      <IdentitySection />
      <ContinuitySection />
    </section>
  )
}
