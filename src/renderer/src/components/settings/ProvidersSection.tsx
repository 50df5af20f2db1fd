import { useEffect, useId, useState } from 'react'
import type { ProviderInfo } from '../../../../shared/routeGroups/providers'
import { providerKindName, providerName } from '../../lib/displayNames'
import { useProvidersStore } from '../../stores/providersStore'
import '../../styles/cards.css'
import '../../styles/providers.css'
import { ConnectionResult } from './ConnectionResult'
import { ProviderForm } from './ProviderForm'

function keyNote(p: ProviderInfo): string {
  if (p.builtIn) return 'Built in, works without a network'
  if (p.type === 'ollama') return 'No key needed'
  if (p.hasKey) return 'Key stored in the OS keychain'
  return p.keyRequired ? 'No API key yet' : 'No key (optional)'
}

function ProviderRow({ provider, onEdit }: { provider: ProviderInfo; onEdit(): void }) {
  const setDefault = useProvidersStore((s) => s.setDefault)
  const remove = useProvidersStore((s) => s.remove)
  const test = useProvidersStore((s) => s.test)
  const [confirming, setConfirming] = useState(false)
  const kind = providerKindName(provider.type)
  const name = providerName(provider)
  return (
    <li className="card provider-row" aria-label={name}>
      <div className="card-main provider-row-main">
        <strong>{name}</strong>
        {provider.isDefault && <span className="tag">Default</span>}
        <span className="provider-row-meta">
          {kind} · {provider.model} · {keyNote(provider)}
        </span>
      </div>
      <div className="provider-row-actions">
        {!provider.isDefault && (
          <button
            type="button"
            className="button-quiet"
            onClick={() => void setDefault(provider.id)}
          >
            Make default
          </button>
        )}
        {!provider.builtIn && (
          <>
            <button type="button" className="button-quiet" onClick={() => void test(provider.id)}>
              Test connection
            </button>
            <button type="button" className="button-quiet" onClick={onEdit}>
              Edit
            </button>
            {confirming ? (
              <button
                type="button"
                className="button-danger"
                onClick={() => void remove(provider.id)}
                onBlur={() => setConfirming(false)}
              >
                Confirm remove
              </button>
            ) : (
              <button type="button" className="button-quiet" onClick={() => setConfirming(true)}>
                Remove
              </button>
            )}
          </>
        )}
      </div>
      {!provider.builtIn && <ConnectionResult providerId={provider.id} />}
    </li>
  )
}

/** Providers in Settings: the list, with Add / Edit in a form below it. */
export function ProvidersSection() {
  const providers = useProvidersStore((s) => s.providers)
  const error = useProvidersStore((s) => s.error)
  const load = useProvidersStore((s) => s.load)
  const [editing, setEditing] = useState<string | null>(null)
  const ids = useId()

  useEffect(() => {
    void load()
  }, [load])

  const existing =
    editing && editing !== 'new' ? (providers.find((p) => p.id === editing) ?? null) : null
  return (
    <section className="providers-section" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>AI providers</h3>
      {error && (
        <p role="alert" className="provider-error">
          {error.message}
        </p>
      )}
      <ul className="card-list provider-list" aria-label="Providers">
        {providers.map((p) => (
          <ProviderRow key={p.id} provider={p} onEdit={() => setEditing(p.id)} />
        ))}
      </ul>
      {editing ? (
        <ProviderForm key={editing} existing={existing} onDone={() => setEditing(null)} />
      ) : (
        <button type="button" className="button-secondary" onClick={() => setEditing('new')}>
          Add provider
        </button>
      )}
    </section>
  )
}
