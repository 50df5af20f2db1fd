import { useEffect, useId } from 'react'
import type { SessionPreferences } from '../../../../shared/routes'
import { providerName } from '../../lib/displayNames'
import { useProvidersStore } from '../../stores/providersStore'
import { useSessionsStore } from '../../stores/sessionsStore'

interface Props {
  sessionId: string
  preferences: SessionPreferences
}

/** Which provider answers in this session; empty = the default provider. */
export function SessionProviderSelect({ sessionId, preferences }: Props) {
  const providers = useProvidersStore((s) => s.providers)
  const loaded = useProvidersStore((s) => s.loaded)
  const load = useProvidersStore((s) => s.load)
  const setPreferences = useSessionsStore((s) => s.setPreferences)
  const ids = useId()

  useEffect(() => {
    if (!loaded) void load()
  }, [loaded, load])

  const defaultProvider = providers.find((p) => p.isDefault)
  const defaultLabel = defaultProvider ? providerName(defaultProvider) : 'default'
  const chosen = preferences.providerId ?? ''
  // A session whose provider was removed shows (and uses) the default.
  const chosenProvider = providers.find((p) => p.id === chosen)
  const value = chosenProvider ? chosen : ''
  // The whole name on hover, for a row too narrow to show it.
  const chosenName = chosenProvider ? providerName(chosenProvider) : `Default: ${defaultLabel}`

  function choose(providerId: string) {
    const { pattern, uncertainty } = preferences
    void setPreferences(sessionId, { pattern, uncertainty, ...(providerId ? { providerId } : {}) })
  }

  return (
    <span className="composer-group session-provider">
      <label className="composer-field" htmlFor={`${ids}-provider`}>
        <span className="composer-label">Session provider</span>
      </label>
      <select
        id={`${ids}-provider`}
        value={value}
        title={chosenName}
        onChange={(e) => choose(e.target.value)}
      >
        <option value="">Default: {defaultLabel}</option>
        {providers.map((p) => (
          <option key={p.id} value={p.id}>
            {providerName(p)}
          </option>
        ))}
      </select>
    </span>
  )
}
