import { useEffect, useRef } from 'react'
import type { SuggestRun } from '../../stores/suggestionsStore'
import { useMemoriesStore } from '../../stores/memoriesStore'
import { useSuggestionsStore } from '../../stores/suggestionsStore'
import { useVaultStore } from '../../stores/vaultStore'
import { CloseDialog } from '../CloseDialog'
import { SuggestionItem } from './SuggestionItem'
import '../../styles/cards.css'
import '../../styles/memory.css'

/** What "What should I remember?" found, when it found nothing new or could not run. */
function RunNote({ run }: { run: SuggestRun }) {
  const title = useMemoriesStore((s) => s.sessions[run.sessionId]?.title)
  const loadSession = useMemoriesStore((s) => s.loadSession)
  useEffect(() => {
    void loadSession(run.sessionId)
  }, [run.sessionId, loadSession])
  const where = title ? `“${title}”` : 'this session'
  if (run.running) return <p role="status">Looking for what to remember in {where}…</p>
  const report = run.report
  if (!report) return null
  let text: string | null = null
  if (report.skipped === 'temporary') {
    text = 'This is a temporary chat: it neither reads nor writes memory.'
  } else if (report.skipped === 'memoryOff') {
    text = `Memory is off in ${where} (“Don't use memory here”), so nothing was suggested.`
  } else if (report.suggestions.length === 0) {
    text = `Nothing to suggest from ${where}: no new preferences, goals, names or decisions.`
  } else {
    const n = report.suggestions.length
    text = `${n} new ${n === 1 ? 'suggestion' : 'suggestions'} from ${where}.`
  }
  return (
    <p role="status" className="suggestions-note">
      {text}
    </p>
  )
}

/** The vault holds memories: while it is locked there is nothing to review. */
function LockedNote({ onOpenVault }: { onOpenVault(): void }) {
  return (
    <div className="suggestions-note">
      <p>Memories live in the vault: open it to review what ActiveMirror would remember.</p>
      <button type="button" className="button-secondary" onClick={onOpenVault}>
        Open vault
      </button>
    </div>
  )
}

/** "Memory suggestions": the review list, Accept / Edit / Reject each. */
export function SuggestionsDialog() {
  const open = useSuggestionsStore((s) => s.reviewOpen)
  const suggestions = useSuggestionsStore((s) => s.suggestions)
  const locked = useSuggestionsStore((s) => s.locked)
  const lastRun = useSuggestionsStore((s) => s.lastRun)
  const error = useSuggestionsStore((s) => s.error)
  const openReview = useSuggestionsStore((s) => s.openReview)
  const setVaultOpen = useVaultStore((s) => s.setOpen)
  const closeRef = useRef<HTMLButtonElement>(null)
  const listRef = useRef<HTMLUListElement>(null)
  // A decided suggestion leaves the list with the focused button: focus goes to the next one.
  useEffect(() => {
    const dialog = closeRef.current?.closest('[role="dialog"]')
    if (!dialog || dialog.contains(document.activeElement)) return
    const next = listRef.current?.querySelector<HTMLElement>('button') ?? closeRef.current
    next?.focus()
  }, [suggestions.length])
  if (!open) return null
  const close = () => openReview(false)

  return (
    <CloseDialog
      title="Memory suggestions"
      className="suggestions-dialog"
      onClose={close}
      closeRef={closeRef}
    >
      <p className="settings-note">
        Nothing is remembered until you accept it. Rejected suggestions are not suggested again.
      </p>
      {lastRun && <RunNote run={lastRun} />}
      {error && <p role="alert">{error.message}</p>}
      {locked ? (
        <LockedNote
          onOpenVault={() => {
            close()
            setVaultOpen(true)
          }}
        />
      ) : suggestions.length > 0 ? (
        <ul ref={listRef} className="card-list suggestion-list" aria-label="Suggestions">
          {suggestions.map((s) => (
            <SuggestionItem key={s.id} suggestion={s} onOpenSource={close} />
          ))}
        </ul>
      ) : (
        !lastRun?.running && <p className="settings-note">No suggestions waiting for review.</p>
      )}
    </CloseDialog>
  )
}
