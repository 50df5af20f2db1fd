import { useEffect, useId, useState } from 'react'
import { MAX_INSTRUCTIONS_CHARS } from '../../../../shared/instructionLimits'
import type { UserError } from '../../lib/userError'
import { useInstructionsStore } from '../../stores/instructionsStore'
import '../../styles/instructions.css'

/** Characters used of the cap, said plainly; turns to a warning past it. */
export function CharCount({ length, id }: { length: number; id: string }) {
  const over = length > MAX_INSTRUCTIONS_CHARS
  return (
    <span id={id} className={over ? 'char-count char-count-over' : 'char-count'}>
      {length} / {MAX_INSTRUCTIONS_CHARS} characters
    </span>
  )
}

/** Settings → Instructions: text sent with every conversation (docs/instructions.md). */
export function InstructionsSection() {
  const loaded = useInstructionsStore((s) => s.loaded)
  const loadError = useInstructionsStore((s) => s.error)
  const load = useInstructionsStore((s) => s.load)
  const ids = useId()
  useEffect(() => {
    void load()
  }, [load])
  return (
    <section className="settings-section instructions-section" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>Instructions</h3>
      <p className="settings-hint" id={`${ids}-hint`}>
        Sent with every conversation, after the reflective prompt. A session can add to them or
        replace them in its Session settings.
      </p>
      {loadError && (
        <p role="alert" className="provider-error">
          {loadError.message}
        </p>
      )}
      {/* The field starts from main's text, so it appears once that has arrived. */}
      {!loaded && <p>Loading…</p>}
      {loaded && !loadError && <InstructionsEditor hintId={`${ids}-hint`} />}
    </section>
  )
}

function InstructionsEditor({ hintId }: { hintId: string }) {
  const saved = useInstructionsStore((s) => s.globalText)
  const setGlobal = useInstructionsStore((s) => s.setGlobal)
  const [text, setText] = useState(saved)
  const [error, setError] = useState<UserError | null>(null)
  const [status, setStatus] = useState('')
  const ids = useId()

  async function save() {
    setError(null)
    setStatus('')
    const problem = await setGlobal(text)
    if (problem) setError(problem)
    else setStatus('Instructions saved.')
  }

  return (
    <>
      <label htmlFor={`${ids}-text`} className="visually-hidden">
        Instructions
      </label>
      <textarea
        id={`${ids}-text`}
        className="instructions-text"
        rows={5}
        value={text}
        placeholder="For example: I am a nurse; skip the basics. Answer in British English."
        aria-describedby={`${hintId} ${ids}-count`}
        onChange={(e) => {
          setText(e.target.value)
          setStatus('')
        }}
      />
      <div className="instructions-actions">
        <CharCount length={text.length} id={`${ids}-count`} />
        <button
          type="button"
          className="button-primary"
          disabled={text === saved}
          onClick={() => void save()}
        >
          Save instructions
        </button>
      </div>
      {error && (
        <p role="alert" className="provider-error">
          {error.message}
        </p>
      )}
      <p role="status" className="provider-status">
        {status}
      </p>
    </>
  )
}
