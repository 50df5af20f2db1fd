import { useState } from 'react'
import type { Memory, MemoryScope } from '../../../../shared/memory'
import { formatDateTime } from '../../lib/format'
import { useMemoriesStore } from '../../stores/memoriesStore'
import { MemoryTextField } from './MemoryTextField'
import { ScopeSelect } from './ScopeSelect'
import type { ScopeNames } from './scopeNames'
import { scopeKey, scopeLabel } from './scopeNames'
import { SourceLink } from './SourceLink'

/** An older vault entry shown as a memory keeps its global scope (docs/memory.md). */
const fromVaultEntry = (memory: Memory) => memory.id.startsWith('vault:')

function EditForm({
  memory,
  sessionId,
  names,
  onDone,
}: {
  memory: Memory
  sessionId: string
  names: ScopeNames
  onDone(): void
}) {
  const update = useMemoriesStore((s) => s.update)
  const [text, setText] = useState(memory.text)
  const [scope, setScope] = useState<MemoryScope>(memory.scope)
  const [saving, setSaving] = useState(false)
  return (
    <form
      className="suggestion-edit"
      onSubmit={(event) => {
        event.preventDefault()
        const patch = {
          ...(text.trim() !== memory.text ? { text: text.trim() } : {}),
          ...(scopeKey(scope) !== scopeKey(memory.scope) ? { scope } : {}),
        }
        if (Object.keys(patch).length === 0) return onDone()
        setSaving(true)
        void update(memory.id, patch).then((saved) => {
          setSaving(false)
          if (saved) onDone()
        })
      }}
    >
      <MemoryTextField value={text} onChange={setText} />
      <ScopeSelect
        sessionId={sessionId}
        value={scope}
        onChange={setScope}
        names={names}
        disabled={fromVaultEntry(memory)}
      />
      {fromVaultEntry(memory) && (
        <p className="memory-meta">A vault entry used in conversations is always global.</p>
      )}
      <div className="card-actions">
        <button type="submit" className="button-primary" disabled={saving || !text.trim()}>
          Save
        </button>
        <button type="button" className="button-quiet" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  )
}

/** One memory: text, scope, where it came from, when last used; edit (text, scope) or delete. */
export function MemoryItem({
  memory,
  sessionId,
  names,
}: {
  memory: Memory
  /** The session the panel is open for: its folder, persona and self are the scopes offered. */
  sessionId: string
  names: ScopeNames
}) {
  const remove = useMemoriesStore((s) => s.remove)
  const [editing, setEditing] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const textId = `memory-${memory.id}-text`
  return (
    <li className="card memory-item" aria-labelledby={textId}>
      <p id={textId} className="suggestion-text">
        {memory.text}
      </p>
      <p className="memory-meta">
        <span className="tag">{scopeLabel(memory.scope, names)}</span>{' '}
        {memory.lastUsedAt ? `Last used ${formatDateTime(memory.lastUsedAt)}` : 'Not used yet'}
      </p>
      {memory.source ? (
        <SourceLink sessionId={memory.source.sessionId} messageId={memory.source.messageId} />
      ) : (
        <p className="memory-meta">
          {fromVaultEntry(memory) ? 'From the vault' : 'Written by you'}
        </p>
      )}
      {editing ? (
        <EditForm
          memory={memory}
          sessionId={sessionId}
          names={names}
          onDone={() => setEditing(false)}
        />
      ) : (
        <div className="card-actions">
          <button type="button" className="button-quiet" onClick={() => setEditing(true)}>
            Edit
          </button>
          {confirming ? (
            <>
              <button
                type="button"
                className="button-danger"
                onClick={() => void remove(memory.id)}
              >
                Delete memory
              </button>
              <button type="button" className="button-quiet" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </>
          ) : (
            <button type="button" className="button-quiet" onClick={() => setConfirming(true)}>
              Delete
            </button>
          )}
        </div>
      )}
    </li>
  )
}
