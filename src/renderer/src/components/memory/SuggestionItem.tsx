import { useState } from 'react'
import type { MemoryReason, MemoryScope, MemorySuggestion } from '../../../../shared/memory'
import { useScopeNames } from '../../hooks/useScopeNames'
import { useSuggestionsStore } from '../../stores/suggestionsStore'
import { MemoryTextField } from './MemoryTextField'
import { ScopeSelect } from './ScopeSelect'
import { SourceLink } from './SourceLink'

const REASONS: Record<MemoryReason, string> = {
  preference: 'a preference you stated',
  goal: 'a goal you mentioned',
  name: 'a name you gave',
  decision: 'a decision you made',
  fact: 'a fact about you',
}

function why(suggestion: MemorySuggestion): string {
  const by = suggestion.drafter === 'model' ? 'the model' : 'ActiveMirror (offline)'
  const update = suggestion.updatesMemoryId ? ', and it changes a memory you have' : ''
  return `Why: ${REASONS[suggestion.reason]}, noticed by ${by}${update}.`
}

/** The texts of an update side by side: what is remembered now, and what would replace it. */
function UpdateTexts({ suggestion }: { suggestion: MemorySuggestion }) {
  return (
    <dl className="suggestion-update" role="group" aria-label="Update to a memory">
      <div>
        <dt>Old</dt>
        <dd>{suggestion.existingText}</dd>
      </div>
      <div>
        <dt>New</dt>
        <dd>{suggestion.text}</dd>
      </div>
    </dl>
  )
}

/** One suggestion: its text (or old/new), source and reason; Accept, Edit then accept, Reject. */
export function SuggestionItem({
  suggestion,
  onOpenSource,
}: {
  suggestion: MemorySuggestion
  onOpenSource(): void
}) {
  const accept = useSuggestionsStore((s) => s.accept)
  const reject = useSuggestionsStore((s) => s.reject)
  const busy = useSuggestionsStore((s) => s.busyIds.includes(suggestion.id))
  const names = useScopeNames()
  const [editing, setEditing] = useState(false)
  const [text, setText] = useState(suggestion.text)
  const [scope, setScope] = useState<MemoryScope>({ kind: 'global' })
  const isUpdate = Boolean(suggestion.updatesMemoryId && suggestion.existingText !== undefined)
  const textId = `suggestion-${suggestion.id}-text`

  return (
    <li className="card suggestion" aria-labelledby={textId}>
      {isUpdate && !editing ? (
        <>
          <p id={textId} className="visually-hidden">
            {suggestion.text}
          </p>
          <UpdateTexts suggestion={suggestion} />
        </>
      ) : (
        <p id={textId} className="suggestion-text">
          {suggestion.text}
        </p>
      )}
      <p className="memory-meta">{why(suggestion)}</p>
      <SourceLink
        sessionId={suggestion.sessionId}
        messageId={suggestion.messageIds[0]}
        onOpen={onOpenSource}
      />
      {editing ? (
        <form
          className="suggestion-edit"
          onSubmit={(event) => {
            event.preventDefault()
            void accept(suggestion.id, {
              text: text.trim(),
              ...(isUpdate ? {} : { scope }),
            })
          }}
        >
          <MemoryTextField value={text} onChange={setText} />
          {!isUpdate && (
            <ScopeSelect
              sessionId={suggestion.sessionId}
              value={scope}
              onChange={setScope}
              names={names}
            />
          )}
          <div className="card-actions">
            <button type="submit" className="button-primary" disabled={busy || !text.trim()}>
              Accept
            </button>
            <button type="button" className="button-quiet" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="card-actions">
          <button
            type="button"
            className="button-primary"
            disabled={busy}
            onClick={() => void accept(suggestion.id)}
          >
            Accept
          </button>
          <button type="button" className="button-quiet" onClick={() => setEditing(true)}>
            Edit
          </button>
          <button
            type="button"
            className="button-quiet"
            disabled={busy}
            onClick={() => void reject(suggestion.id)}
          >
            Reject
          </button>
        </div>
      )}
    </li>
  )
}
