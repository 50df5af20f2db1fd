import { useState } from 'react'
import { useMemoryStore } from '../../stores/memoryStore'
import { Timeline } from './Timeline'
import '../../styles/memory.css'

function VerifyResultView() {
  const result = useMemoryStore((s) => s.verify)
  if (!result) return null
  if (result.ok) {
    return (
      <p role="status" className="verify-ok">
        Chain intact ({result.count} {result.count === 1 ? 'entry' : 'entries'})
      </p>
    )
  }
  return (
    <p role="alert" className="verify-broken">
      Chain broken at entry #{result.firstBroken?.seq ?? '?'}: {result.firstBroken?.reason}
    </p>
  )
}

/** Settings → Continuity: verify the tamper-evident log, browse it, or clear it. */
export function ContinuitySection() {
  const verifying = useMemoryStore((s) => s.verifying)
  const runVerify = useMemoryStore((s) => s.runVerify)
  const clearHistory = useMemoryStore((s) => s.clearHistory)
  const [showTimeline, setShowTimeline] = useState(false)
  const [confirming, setConfirming] = useState(false)

  return (
    <section className="settings-section" aria-labelledby="continuity-title">
      <h3 id="continuity-title">Continuity</h3>
      <p className="settings-note">
        A record of what happened (sessions, messages, imports, exports, vault and provider
        changes), each entry sealed with the hash of the one before, so edits show.
      </p>
      <div className="settings-actions">
        <button
          type="button"
          className="button-secondary"
          disabled={verifying}
          onClick={() => void runVerify()}
        >
          Verify
        </button>
        <button
          type="button"
          className="button-quiet"
          aria-expanded={showTimeline}
          onClick={() => setShowTimeline(!showTimeline)}
        >
          Timeline
        </button>
        <button type="button" className="button-danger" onClick={() => setConfirming(true)}>
          Clear history
        </button>
      </div>
      {verifying && <p>Verifying…</p>}
      <VerifyResultView />
      {confirming && (
        <div role="alertdialog" aria-labelledby="clear-history-title" className="inline-confirm">
          <p id="clear-history-title">
            Clear the whole continuity history? Sessions stay; the record of what happened does not.
          </p>
          <button type="button" className="button-secondary" onClick={() => setConfirming(false)}>
            Cancel
          </button>
          <button
            type="button"
            className="button-danger"
            onClick={() => {
              setConfirming(false)
              void clearHistory()
            }}
          >
            Clear
          </button>
        </div>
      )}
      {showTimeline && <Timeline />}
    </section>
  )
}
