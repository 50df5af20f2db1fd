import { useState } from 'react'
import type { VaultEntry } from '../../../../shared/vault'
import { VAULT_CATEGORIES } from '../../../../shared/vaultRules'
import { useVaultEntriesStore } from '../../stores/vaultEntriesStore'
import { categoryLabel } from './categories'
import { EntryForm } from './EntryForm'
import { CheckboxField } from '../CheckboxField'

function preview(entry: VaultEntry): string {
  const text = typeof entry.value === 'string' ? entry.value : JSON.stringify(entry.value)
  return text.length > 120 ? `${text.slice(0, 119)}…` : text
}

/** One entry with its actions (also shown in the Memory panel). */
export function EntryRow({ entry, onEdit }: { entry: VaultEntry; onEdit(): void }) {
  const save = useVaultEntriesStore((s) => s.save)
  const remove = useVaultEntriesStore((s) => s.remove)
  const [confirming, setConfirming] = useState(false)
  const { key, value, category, tags, metadata } = entry
  return (
    <li className="card">
      <div className="card-main vault-entry-main">
        <strong>{key}</strong>
        {tags.map((t) => (
          <span key={t} className="tag">
            {t}
          </span>
        ))}
      </div>
      <p className="vault-entry-value">{preview(entry)}</p>
      <div className="vault-entry-actions">
        <CheckboxField
          label="Use in conversations"
          ariaLabel={`Use ${key} in conversations`}
          checked={entry.useInConversations}
          onChange={(checked) =>
            void save({
              key,
              value,
              category,
              tags,
              metadata,
              useInConversations: checked,
            })
          }
        />
        <button type="button" className="button-quiet" onClick={onEdit}>
          Edit<span className="visually-hidden"> {key}</span>
        </button>
        {confirming ? (
          <>
            <button type="button" className="button-danger" onClick={() => void remove(key)}>
              Delete {key}
            </button>
            <button type="button" className="button-quiet" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" className="button-quiet" onClick={() => setConfirming(true)}>
            Delete<span className="visually-hidden"> {key}</span>
          </button>
        )}
      </div>
    </li>
  )
}

/** Entries by category, with search inside them (decrypted in main's memory only). */
export function VaultEntries() {
  const entries = useVaultEntriesStore((s) => s.entries)
  const stats = useVaultEntriesStore((s) => s.stats)
  const damaged = useVaultEntriesStore((s) => s.damaged)
  const query = useVaultEntriesStore((s) => s.query)
  const results = useVaultEntriesStore((s) => s.results)
  const search = useVaultEntriesStore((s) => s.search)
  const error = useVaultEntriesStore((s) => s.error)
  const [editing, setEditing] = useState<VaultEntry | 'new' | null>(null)
  const shown = results ?? entries

  return (
    <div className="vault-entries">
      <h3>Entries</h3>
      {stats && (
        <p className="vault-note">
          {stats.total} {stats.total === 1 ? 'entry' : 'entries'} · {stats.messages} sensitive{' '}
          {stats.messages === 1 ? 'message' : 'messages'}
        </p>
      )}
      {damaged > 0 && (
        <p role="status" className="vault-alert">
          {damaged === 1
            ? '1 damaged record: it cannot be decrypted and is left out.'
            : `${damaged} damaged records: they cannot be decrypted and are left out.`}{' '}
          Run <code>amos vault check</code> to see {damaged === 1 ? 'it' : 'them'}.
        </p>
      )}
      <input
        type="search"
        aria-label="Search vault entries"
        placeholder="Search inside entries"
        value={query}
        onChange={(event) => void search(event.target.value)}
      />
      {error && <p role="alert">{error.message}</p>}
      {editing ? (
        <EntryForm entry={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      ) : (
        <button type="button" className="button-secondary" onClick={() => setEditing('new')}>
          New entry
        </button>
      )}
      {shown.length === 0 && (
        <p className="vault-note">{results ? 'No entry matches.' : 'No entries yet.'}</p>
      )}
      {VAULT_CATEGORIES.map((category) => {
        const inCategory = shown.filter((e) => e.category === category)
        if (inCategory.length === 0) return null
        return (
          <section key={category} aria-label={categoryLabel(category)}>
            <h4>{categoryLabel(category)}</h4>
            <ul className="card-list">
              {inCategory.map((entry) => (
                <EntryRow key={entry.key} entry={entry} onEdit={() => setEditing(entry)} />
              ))}
            </ul>
          </section>
        )
      })}
    </div>
  )
}
