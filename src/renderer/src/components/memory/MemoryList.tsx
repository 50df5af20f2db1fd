import { useEffect } from 'react'
import { useScopeNames } from '../../hooks/useScopeNames'
import type { ScopeFilter } from '../../stores/memoriesStore'
import { useMemoriesStore } from '../../stores/memoriesStore'
import { useVaultStore } from '../../stores/vaultStore'
import { MemoryItem } from './MemoryItem'

const FILTERS: Array<{ filter: ScopeFilter; label: string }> = [
  { filter: 'all', label: 'All' },
  { filter: 'global', label: 'Global' },
  { filter: 'folder', label: 'This folder' },
  { filter: 'persona', label: 'This persona' },
  { filter: 'session', label: 'This session' },
]

function ScopeFilters({ sessionId }: { sessionId: string }) {
  const filter = useMemoriesStore((s) => s.filter)
  const scopes = useMemoriesStore((s) => s.sessions[sessionId])
  const load = useMemoriesStore((s) => s.load)
  const unavailable = (f: ScopeFilter) =>
    (f === 'folder' && !scopes?.folderId) || (f === 'persona' && !scopes?.persona)
  return (
    <div className="view-toggle memory-filters" role="group" aria-label="Show memories">
      {FILTERS.map(({ filter: f, label }) => (
        <button
          key={f}
          type="button"
          aria-pressed={filter === f}
          disabled={unavailable(f)}
          title={unavailable(f) ? `This session has no ${f}` : undefined}
          onClick={() => void load(sessionId, f)}
        >
          {label}
        </button>
      ))}
    </div>
  )
}

/** The memory panel's list of memories, filtered by scope relative to the open session. */
export function MemoryList({ sessionId }: { sessionId: string }) {
  const memories = useMemoriesStore((s) => s.memories)
  const loading = useMemoriesStore((s) => s.loading)
  const locked = useMemoriesStore((s) => s.locked)
  const error = useMemoriesStore((s) => s.error)
  const load = useMemoriesStore((s) => s.load)
  const close = useMemoriesStore((s) => s.close)
  const setVaultOpen = useVaultStore((s) => s.setOpen)
  const names = useScopeNames()
  useEffect(() => {
    void load(sessionId, 'all')
    return close
  }, [sessionId, load, close])

  if (locked) {
    return (
      <div className="suggestions-note">
        <p className="settings-note">Memories live in the vault: open it to see them.</p>
        <button type="button" className="button-secondary" onClick={() => setVaultOpen(true)}>
          Open vault
        </button>
      </div>
    )
  }
  return (
    <>
      <ScopeFilters sessionId={sessionId} />
      {error && <p role="alert">{error.message}</p>}
      {memories.length > 0 ? (
        <ul className="card-list memory-list" aria-label="Memories">
          {memories.map((memory) => (
            <MemoryItem key={memory.id} memory={memory} sessionId={sessionId} names={names} />
          ))}
        </ul>
      ) : (
        <p className="settings-note">{loading ? 'Loading…' : 'No memories here yet.'}</p>
      )}
    </>
  )
}
