import { useId } from 'react'
import { useSuggestionsStore } from '../../stores/suggestionsStore'
import '../../styles/memory.css'

/**
 * Opens the review list, with the count of suggestions waiting as a badge. The sidebar shows it
 * only while some wait (`onlyWhenWaiting`); the memory panel always does.
 */
export function SuggestionsButton({ onlyWhenWaiting = false }: { onlyWhenWaiting?: boolean }) {
  const pending = useSuggestionsStore((s) => s.pending)
  const open = useSuggestionsStore((s) => s.reviewOpen)
  const openReview = useSuggestionsStore((s) => s.openReview)
  const descriptionId = useId()
  const waiting = pending ?? 0
  if (onlyWhenWaiting && waiting === 0) return null
  return (
    <>
      <button
        type="button"
        className="button-quiet suggestions-button"
        aria-expanded={open}
        aria-describedby={waiting > 0 ? descriptionId : undefined}
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
        <span id={descriptionId} className="visually-hidden">
          {waiting} waiting for review
        </span>
      )}
    </>
  )
}
