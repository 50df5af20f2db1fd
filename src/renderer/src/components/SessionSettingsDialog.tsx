import { useId, useState } from 'react'
import type { SessionInstructionsMode } from '../../../shared/instructions'
import type { UserError } from '../lib/userError'
import { useInstructionsStore } from '../stores/instructionsStore'
import { useMemoryStore } from '../stores/memoryStore'
import { Dialog } from './Dialog'
import { CharCount } from './settings/InstructionsSection'
import '../styles/instructions.css'

const MODES: Array<{ value: SessionInstructionsMode; label: string }> = [
  { value: 'add', label: 'Add to the global instructions' },
  { value: 'replace', label: 'Replace the global instructions' },
]

function SessionSettingsForm({ sessionId, onClose }: { sessionId: string; onClose(): void }) {
  const view = useInstructionsStore((s) => s.bySession[sessionId])
  const personas = useInstructionsStore((s) => s.personas)
  const globalText = useInstructionsStore((s) => s.globalText)
  const saveSession = useInstructionsStore((s) => s.saveSession)
  const [text, setText] = useState(view?.text ?? '')
  const [mode, setMode] = useState<SessionInstructionsMode>(view?.mode ?? 'add')
  const [personaId, setPersonaId] = useState(
    view?.persona && !view.persona.removed ? view.persona.id : '',
  )
  const [error, setError] = useState<UserError | null>(null)
  const [busy, setBusy] = useState(false)
  const ids = useId()
  const removed = view?.persona?.removed ? view.persona : null

  async function save() {
    setBusy(true)
    setError(null)
    const problem = await saveSession(sessionId, { text, mode, personaId: personaId || null })
    setBusy(false)
    if (problem) setError(problem)
    else onClose()
  }

  return (
    <form
      className="session-settings-form"
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <label htmlFor={`${ids}-persona`}>Persona</label>
      <select
        id={`${ids}-persona`}
        value={personaId}
        onChange={(e) => setPersonaId(e.target.value)}
      >
        <option value="">No persona</option>
        {personas.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      {removed && !personaId && (
        <p className="session-settings-note" role="note">
          The persona “{removed.name}” was removed; this session now uses no persona. Its pattern,
          uncertainty and provider stay as they were.
        </p>
      )}
      <p className="settings-hint">
        Choosing a persona sets this session’s pattern, uncertainty and provider to its own.
      </p>

      <label htmlFor={`${ids}-text`}>Session instructions</label>
      <textarea
        id={`${ids}-text`}
        rows={5}
        value={text}
        aria-describedby={`${ids}-count`}
        placeholder="Only for this session, e.g. We are planning a trip to Lisbon in May."
        onChange={(e) => setText(e.target.value)}
      />
      <CharCount length={text.length} id={`${ids}-count`} />

      <fieldset>
        <legend>How session instructions apply</legend>
        {MODES.map((m) => (
          <label key={m.value}>
            <input
              type="radio"
              name={`${ids}-mode`}
              value={m.value}
              checked={mode === m.value}
              onChange={() => setMode(m.value)}
            />
            {m.label}
          </label>
        ))}
      </fieldset>
      <p className="settings-hint">
        {globalText.trim()
          ? `Global instructions (Settings → Instructions): “${globalText.trim().slice(0, 120)}${globalText.trim().length > 120 ? '…' : ''}”`
          : 'There are no global instructions (Settings → Instructions).'}
        {mode === 'replace' && ' Replacing leaves out the global and persona instructions.'}
      </p>

      {error && (
        <p role="alert" className="provider-error">
          {error.message}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button-secondary" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button-primary" disabled={busy}>
          Save
        </button>
      </div>
    </form>
  )
}

/** Chat header: "Session settings" for this session's instructions and persona. */
export function SessionSettingsButton({ sessionId }: { sessionId: string }) {
  const [open, setOpen] = useState(false)
  const [error, setError] = useState<UserError | null>(null)
  const [ready, setReady] = useState(false)
  const load = useInstructionsStore((s) => s.load)
  const loadSession = useInstructionsStore((s) => s.loadSession)
  // A temporary chat is not stored: it gets the global instructions and has no settings.
  const temporary = useMemoryStore((s) => s.temporaryIds.includes(sessionId))

  async function show() {
    setOpen(true)
    setReady(false)
    setError(null)
    const [, problem] = await Promise.all([load(), loadSession(sessionId)])
    setError(problem)
    setReady(true)
  }

  if (temporary) return null
  return (
    <>
      <button
        type="button"
        className="button-quiet"
        aria-haspopup="dialog"
        onClick={() => void show()}
      >
        Session settings
      </button>
      {open && (
        <Dialog
          title="Session settings"
          className="session-settings"
          onClose={() => setOpen(false)}
          closeOnBackdrop
        >
          {!ready && <p>Loading…</p>}
          {ready && error && <p role="alert">{error.message}</p>}
          {ready && !error && (
            <SessionSettingsForm sessionId={sessionId} onClose={() => setOpen(false)} />
          )}
        </Dialog>
      )}
    </>
  )
}
