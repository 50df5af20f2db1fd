import '../../styles/memory.css'
import { useSuggestionsStore } from '../../stores/suggestionsStore'

/** The sidebar's way to the review list, with the count of suggestions waiting. */
export function SuggestionsButton() {
  const pending = useSuggestionsStore((s) => s.pending)
  const open = useSuggestionsStore((s) => s.reviewOpen)
  const openReview = useSuggestionsStore((s) => s.openReview)
  const waiting = pending ?? 0
  return (
    <>
      <button
        type="button"
        className="button-quiet suggestions-button"
        aria-expanded={open}
        aria-describedby={waiting > 0 ? 'suggestions-waiting' : undefined}
        onClick={() => openReview(!open)}
      >
        Memory suggestions
        {waiting > 0 && (
          <span className="count-badge" aria-hidden="true">
            {waiting}
          </span>
        )}
      </button>
      {waiting > 0 && (
        <span id="suggestions-waiting" className="visually-hidden">
          {waiting} waiting for review
        </span>
      )}
    </>
  )
}
