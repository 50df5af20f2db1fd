import { storageName } from '../lib/displayNames'
import { useAppStore } from '../stores/appStore'
import { useUiStore } from '../stores/uiStore'
import { ContinuitySection } from './continuity/ContinuitySection'
import { IdentitySection } from './continuity/IdentitySection'
import { Dialog } from './Dialog'
import { AppearanceSection } from './settings/AppearanceSection'
import { InstructionsSection } from './settings/InstructionsSection'
import { MemorySection } from './settings/MemorySection'
import { PersonasSection } from './settings/PersonasSection'
import { PrivacySection } from './settings/PrivacySection'
import { ProvidersSection } from './settings/ProvidersSection'
import { StorageSettings } from './settings/StorageSettings'

/**
 * What the app runs on, appearance, instructions and personas, the AI providers
 * (components/settings/), identity and continuity.
 */
export function SettingsPanel() {
  const open = useUiStore((s) => s.settingsOpen)
  const setOpen = useUiStore((s) => s.setSettingsOpen)
  const info = useAppStore((s) => s.info)
  if (!open) return null
  return (
    <Dialog
      title="Settings"
      className="settings-panel"
      onClose={() => setOpen(false)}
      closeOnBackdrop
      headerAction={
        <button
          type="button"
          className="icon-button"
          aria-label="Close settings"
          onClick={() => setOpen(false)}
        >
          ×
        </button>
      }
    >
      {info ? (
        <dl className="settings-list">
          <dt>Default provider</dt>
          <dd>
            {info.provider.label} · {info.provider.model}
          </dd>
          <dt>Storage</dt>
          <dd>{storageName(info.storage)}</dd>
          <dt>Data folder</dt>
          <dd className="settings-path">{info.dataDir}</dd>
          <dt>Version</dt>
          <dd>{info.version}</dd>
        </dl>
      ) : (
        <p>Loading…</p>
      )}
      <AppearanceSection />
      <InstructionsSection />
      <PersonasSection />
      <ProvidersSection />
      <StorageSettings />
      <PrivacySection />
      <MemorySection />
      <IdentitySection />
      <ContinuitySection />
    </Dialog>
  )
}
