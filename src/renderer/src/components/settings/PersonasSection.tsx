import { useId, useState } from 'react'
import type { Persona } from '../../../../shared/instructions'
import { PATTERN_INFO, UNCERTAINTY_LABELS } from '../../../../shared/patterns'
import type { UserError } from '../../lib/userError'
import { useInstructionsStore } from '../../stores/instructionsStore'
import { useProvidersStore } from '../../stores/providersStore'
import '../../styles/cards.css'
import '../../styles/providers.css'
import '../../styles/instructions.css'
import { PersonaForm } from './PersonaForm'

function PersonaRow({ persona, onEdit }: { persona: Persona; onEdit(): void }) {
  const removePersona = useInstructionsStore((s) => s.removePersona)
  const provider = useProvidersStore((s) => s.providers.find((p) => p.id === persona.providerId))
  const [confirming, setConfirming] = useState(false)
  const [error, setError] = useState<UserError | null>(null)
  const providerText = persona.providerId
    ? `${provider?.label ?? persona.providerId}${persona.model ? ` · ${persona.model}` : ''}`
    : 'Default provider'
  return (
    <li className="card provider-row" aria-label={persona.name}>
      <div className="card-main provider-row-main">
        <strong>{persona.name}</strong>
        <span className="provider-row-meta">
          {PATTERN_INFO[persona.pattern].glyph} {PATTERN_INFO[persona.pattern].label} · Uncertainty{' '}
          {UNCERTAINTY_LABELS[persona.uncertainty]} · {providerText}
        </span>
        {persona.instructions.trim() && (
          <span className="provider-row-meta persona-excerpt">{persona.instructions}</span>
        )}
      </div>
      <div className="provider-row-actions">
        <button type="button" className="button-quiet" onClick={onEdit}>
          Edit
        </button>
        {confirming ? (
          <button
            type="button"
            className="button-danger"
            onClick={() =>
              void removePersona(persona.id).then((problem) => {
                if (problem) setError(problem)
              })
            }
            onBlur={() => setConfirming(false)}
          >
            Confirm remove
          </button>
        ) : (
          <button type="button" className="button-quiet" onClick={() => setConfirming(true)}>
            Remove
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="provider-error">
          {error.message}
        </p>
      )}
    </li>
  )
}

/** Settings → Personas: presets a session can start with ("New session" menu). */
export function PersonasSection() {
  const personas = useInstructionsStore((s) => s.personas)
  const [editing, setEditing] = useState<string | null>(null)
  const ids = useId()
  const existing =
    editing && editing !== 'new' ? (personas.find((p) => p.id === editing) ?? null) : null
  return (
    <section className="settings-section personas-section" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>Personas</h3>
      <p className="settings-hint">
        Instructions with a default pattern, uncertainty and provider. Start a session with one from
        the arrow beside New session; change it later in Session settings.
      </p>
      {personas.length > 0 && (
        <ul className="card-list provider-list" aria-label="Personas">
          {personas.map((p) => (
            <PersonaRow key={p.id} persona={p} onEdit={() => setEditing(p.id)} />
          ))}
        </ul>
      )}
      {editing ? (
        <PersonaForm key={editing} existing={existing} onDone={() => setEditing(null)} />
      ) : (
        <button type="button" className="button-secondary" onClick={() => setEditing('new')}>
          Add persona
        </button>
      )}
    </section>
  )
}
