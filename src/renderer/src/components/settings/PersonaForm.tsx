import type { FormEvent } from 'react'
import { useId, useState } from 'react'
import type { Pattern, UncertaintyLevel } from '../../../../shared/domain'
import type { Persona } from '../../../../shared/instructions'
import { PATTERN_INFO, UNCERTAINTY_LABELS } from '../../../../shared/patterns'
import { providerName } from '../../lib/displayNames'
import { PATTERN_IDS, UNCERTAINTY_IDS } from '../../lib/preferences'
import type { UserError } from '../../lib/userError'
import { useInstructionsStore } from '../../stores/instructionsStore'
import { useProvidersStore } from '../../stores/providersStore'
import { MAX_PERSONA_NAME_CHARS } from '../../../../shared/instructionLimits'
import { CharCount } from './InstructionsSection'

interface Props {
  /** The persona being edited; null to add one. */
  existing: Persona | null
  onDone(): void
}

/** Add or edit a persona: name, instructions, default pattern, uncertainty, provider/model. */
export function PersonaForm({ existing, onDone }: Props) {
  const savePersona = useInstructionsStore((s) => s.savePersona)
  const providers = useProvidersStore((s) => s.providers)
  const [name, setName] = useState(existing?.name ?? '')
  const [instructions, setInstructions] = useState(existing?.instructions ?? '')
  const [pattern, setPattern] = useState<Pattern>(existing?.pattern ?? 'exploratory')
  const [uncertainty, setUncertainty] = useState<UncertaintyLevel>(existing?.uncertainty ?? 'none')
  const [providerId, setProviderId] = useState(existing?.providerId ?? '')
  const [model, setModel] = useState(existing?.model ?? '')
  const [error, setError] = useState<UserError | null>(null)
  const [busy, setBusy] = useState(false)
  const ids = useId()

  async function onSubmit(event: FormEvent) {
    event.preventDefault()
    if (busy) return
    setBusy(true)
    setError(null)
    const problem = await savePersona(
      {
        name,
        instructions,
        pattern,
        uncertainty,
        ...(providerId ? { providerId } : {}),
        ...(providerId && model.trim() ? { model: model.trim() } : {}),
      },
      existing?.id ?? null,
    )
    setBusy(false)
    if (problem) setError(problem)
    else onDone()
  }

  const provider = providers.find((p) => p.id === providerId)
  return (
    <form
      className="provider-form persona-form"
      onSubmit={onSubmit}
      aria-label={existing ? `Edit persona ${existing.name}` : 'New persona'}
    >
      <label htmlFor={`${ids}-name`}>Persona name</label>
      <input
        id={`${ids}-name`}
        value={name}
        required
        maxLength={MAX_PERSONA_NAME_CHARS}
        onChange={(e) => setName(e.target.value)}
      />

      <label htmlFor={`${ids}-text`}>Persona instructions</label>
      <textarea
        id={`${ids}-text`}
        rows={4}
        value={instructions}
        aria-describedby={`${ids}-count`}
        onChange={(e) => setInstructions(e.target.value)}
      />
      <span />
      <CharCount length={instructions.length} id={`${ids}-count`} />

      <label htmlFor={`${ids}-pattern`}>Default pattern</label>
      <select
        id={`${ids}-pattern`}
        value={pattern}
        onChange={(e) => setPattern(e.target.value as Pattern)}
      >
        {PATTERN_IDS.map((p) => (
          <option key={p} value={p}>
            {PATTERN_INFO[p].glyph} {PATTERN_INFO[p].label}
          </option>
        ))}
      </select>

      <label htmlFor={`${ids}-uncertainty`}>Default uncertainty</label>
      <select
        id={`${ids}-uncertainty`}
        value={uncertainty}
        onChange={(e) => setUncertainty(e.target.value as UncertaintyLevel)}
      >
        {UNCERTAINTY_IDS.map((u) => (
          <option key={u} value={u}>
            {UNCERTAINTY_LABELS[u]}
          </option>
        ))}
      </select>

      <label htmlFor={`${ids}-provider`}>Persona provider</label>
      <select
        id={`${ids}-provider`}
        value={providerId}
        onChange={(e) => {
          setProviderId(e.target.value)
          setModel('')
        }}
      >
        <option value="">Default provider</option>
        {providers.map((p) => (
          <option key={p.id} value={p.id}>
            {providerName(p)} · {p.model}
          </option>
        ))}
      </select>

      {providerId && (
        <>
          <label htmlFor={`${ids}-model`}>Persona model</label>
          <input
            id={`${ids}-model`}
            value={model}
            placeholder={provider?.model ?? ''}
            onChange={(e) => setModel(e.target.value)}
          />
        </>
      )}

      {error && (
        <p role="alert" className="provider-error">
          {error.message}
        </p>
      )}
      <div className="provider-form-actions">
        <span className="composer-spacer" />
        <button type="button" className="button-secondary" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button-primary" disabled={busy}>
          Save persona
        </button>
      </div>
    </form>
  )
}
