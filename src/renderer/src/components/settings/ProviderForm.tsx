import type { FormEvent } from 'react'
import { useId, useState } from 'react'
import type { ProviderInfo, ProviderKind } from '../../../../shared/routeGroups/providers'
import { PROVIDER_KIND_LABELS } from '../../../../shared/providerKinds'
import type { UserError } from '../../lib/userError'
import { useProvidersStore } from '../../stores/providersStore'
import { ConnectionResult } from './ConnectionResult'
import { EmbeddingModelField } from './EmbeddingModelField'
import type { FormValues } from './providerDraft'
import {
  BASE_URL_HINTS,
  KIND_OPTIONS,
  MODEL_HINTS,
  initialValues,
  providerIdFor,
} from './providerDraft'

interface Props {
  /** The provider being edited; null to add one. */
  existing: ProviderInfo | null
  onDone(): void
}

/** Add or edit one provider. The key goes to main once, on Save, and is never shown again. */
export function ProviderForm({ existing, onDone }: Props) {
  const providers = useProvidersStore((s) => s.providers)
  const save = useProvidersStore((s) => s.save)
  const clearKey = useProvidersStore((s) => s.clearKey)
  const test = useProvidersStore((s) => s.test)
  const loadModels = useProvidersStore((s) => s.loadModels)
  const [savedId, setSavedId] = useState<string | null>(existing?.id ?? null)
  const saved = useProvidersStore((s) => s.providers.find((p) => p.id === savedId) ?? null)
  const models = useProvidersStore((s) => (savedId ? s.models[savedId] : undefined))
  const [values, setValues] = useState<FormValues>(() => initialValues(existing))
  const [busy, setBusy] = useState(false)
  const [status, setStatus] = useState('')
  const [error, setError] = useState<UserError | null>(null)
  const ids = useId()

  const set = (patch: Partial<FormValues>) => setValues((v) => ({ ...v, ...patch }))
  const usesKey = values.type !== 'ollama'

  async function onSubmit(event: FormEvent) {
    event.preventDefault()
    if (busy) return
    setBusy(true)
    setError(null)
    setStatus('')
    const id =
      savedId ??
      providerIdFor(
        values.label,
        values.type,
        providers.map((p) => p.id),
      )
    const draft = {
      id,
      type: values.type,
      model: values.model.trim(),
      // Unnamed providers are called after their kind, never by the generated id.
      label: values.label.trim() || PROVIDER_KIND_LABELS[values.type],
      ...(values.baseUrl.trim() ? { baseUrl: values.baseUrl.trim() } : {}),
      // Anthropic has no embeddings; a name typed before switching to it is dropped.
      ...(values.embeddingModel.trim() && values.type !== 'anthropic'
        ? { embeddingModel: values.embeddingModel.trim() }
        : {}),
    }
    const result = await save(draft, { existing: savedId !== null, key: usesKey ? values.key : '' })
    setBusy(false)
    if (result.error) {
      setError(result.error)
      return
    }
    setSavedId(id)
    // The key field is emptied either way: a key that was not stored must be typed again.
    set({ key: '' })
    if (result.keyError) setError(result.keyError)
    else
      setStatus(values.key.trim() && usesKey ? 'Saved. Key stored in the OS keychain.' : 'Saved.')
  }

  async function onClearKey() {
    if (!savedId) return
    const problem = await clearKey(savedId)
    if (problem) setError(problem)
    else setStatus('Key removed from the OS keychain.')
  }

  return (
    <form className="provider-form" onSubmit={onSubmit} aria-label="Provider settings">
      <label htmlFor={`${ids}-type`}>Provider</label>
      <select
        id={`${ids}-type`}
        value={values.type}
        onChange={(e) => set({ type: e.target.value as ProviderKind })}
      >
        {KIND_OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>

      <label htmlFor={`${ids}-label`}>Name</label>
      <input
        id={`${ids}-label`}
        value={values.label}
        placeholder={KIND_OPTIONS.find((o) => o.value === values.type)?.label}
        onChange={(e) => set({ label: e.target.value })}
      />

      <label htmlFor={`${ids}-url`}>Base URL</label>
      <input
        id={`${ids}-url`}
        type="url"
        inputMode="url"
        value={values.baseUrl}
        placeholder={BASE_URL_HINTS[values.type]}
        required={values.type === 'openai-compatible'}
        onChange={(e) => set({ baseUrl: e.target.value })}
      />

      <label htmlFor={`${ids}-model`}>Model</label>
      <div className="provider-form-row">
        <input
          id={`${ids}-model`}
          list={`${ids}-models`}
          value={values.model}
          placeholder={MODEL_HINTS[values.type]}
          required
          onChange={(e) => set({ model: e.target.value })}
        />
        {savedId && (
          <button type="button" className="button-quiet" onClick={() => void loadModels(savedId)}>
            Fetch models
          </button>
        )}
      </div>
      <datalist id={`${ids}-models`}>
        {(models ?? []).map((m) => (
          <option key={m} value={m} />
        ))}
      </datalist>

      <EmbeddingModelField
        id={`${ids}-embedding`}
        type={values.type}
        value={values.embeddingModel}
        onChange={(embeddingModel) => set({ embeddingModel })}
      />

      {usesKey && (
        <>
          <label htmlFor={`${ids}-key`}>API key</label>
          <input
            id={`${ids}-key`}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={values.key}
            placeholder={
              saved?.hasKey ? 'Type a new key to replace the stored one' : 'Paste the key'
            }
            onChange={(e) => set({ key: e.target.value })}
          />
          {saved?.hasKey && (
            <p className="provider-key-note">
              Key stored in the OS keychain{' '}
              <button type="button" className="button-quiet" onClick={() => void onClearKey()}>
                Clear key
              </button>
            </p>
          )}
        </>
      )}

      {error && (
        <p role="alert" className="provider-error">
          {error.message}
        </p>
      )}
      <p role="status" className="provider-status">
        {status}
      </p>

      <div className="provider-form-actions">
        {savedId && (
          <button type="button" className="button-secondary" onClick={() => void test(savedId)}>
            Test connection
          </button>
        )}
        <span className="composer-spacer" />
        <button type="button" className="button-secondary" onClick={onDone}>
          {savedId ? 'Done' : 'Cancel'}
        </button>
        <button type="submit" className="button-primary" disabled={busy}>
          Save
        </button>
      </div>
      {savedId && <ConnectionResult providerId={savedId} />}
    </form>
  )
}
