import type { FormEvent } from 'react'
import { useId, useState } from 'react'
import type { VaultCategory, VaultEntry } from '../../../../shared/vault'
import { VAULT_CATEGORIES } from '../../../../shared/vaultRules'
import { useVaultEntriesStore } from '../../stores/vaultEntriesStore'
import { categoryLabel } from './categories'
import { CheckboxField } from '../CheckboxField'

interface Props {
  entry: VaultEntry | null
  onDone(): void
}

function initialValue(entry: VaultEntry | null): string {
  if (!entry) return ''
  return typeof entry.value === 'string' ? entry.value : JSON.stringify(entry.value, null, 2)
}

/** Create or edit one entry: key, value (text or JSON), category, tags, "Use in conversations". */
export function EntryForm({ entry, onDone }: Props) {
  const save = useVaultEntriesStore((s) => s.save)
  const [key, setKey] = useState(entry?.key ?? '')
  const [value, setValue] = useState(initialValue(entry))
  const [isJson, setIsJson] = useState(entry ? typeof entry.value !== 'string' : false)
  const [category, setCategory] = useState<VaultCategory>(entry?.category ?? 'private')
  const [tags, setTags] = useState(entry?.tags.join(', ') ?? '')
  const [useIt, setUseIt] = useState(entry?.useInConversations ?? false)
  const [problem, setProblem] = useState('')
  const ids = useId()

  async function onSubmit(event: FormEvent) {
    event.preventDefault()
    let parsed: unknown = value
    if (isJson) {
      try {
        parsed = JSON.parse(value)
      } catch {
        setProblem('The value is not valid JSON.')
        return
      }
    }
    setProblem('')
    const ok = await save(
      {
        key: key.trim(),
        value: parsed as VaultEntry['value'],
        category,
        tags: tags
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
        useInConversations: useIt,
      },
      entry?.key,
    )
    if (ok) onDone()
  }

  return (
    <form
      className="vault-form vault-entry-form"
      aria-label={entry ? `Edit ${entry.key}` : 'New entry'}
      onSubmit={(event) => void onSubmit(event)}
    >
      <label htmlFor={`${ids}-key`}>Key</label>
      <input id={`${ids}-key`} value={key} onChange={(event) => setKey(event.target.value)} />
      <label htmlFor={`${ids}-value`}>Value</label>
      <textarea
        id={`${ids}-value`}
        rows={3}
        value={value}
        onChange={(event) => setValue(event.target.value)}
      />
      <CheckboxField label="Value is JSON" checked={isJson} onChange={setIsJson} />
      <label htmlFor={`${ids}-category`}>Category</label>
      <select
        id={`${ids}-category`}
        value={category}
        onChange={(event) => setCategory(event.target.value as VaultCategory)}
      >
        {VAULT_CATEGORIES.map((c) => (
          <option key={c} value={c}>
            {categoryLabel(c)}
          </option>
        ))}
      </select>
      <label htmlFor={`${ids}-tags`}>Tags</label>
      <input
        id={`${ids}-tags`}
        placeholder="comma, separated"
        value={tags}
        onChange={(event) => setTags(event.target.value)}
      />
      <CheckboxField label="Use in conversations" checked={useIt} onChange={setUseIt} />
      {problem && <p role="alert">{problem}</p>}
      <div className="dialog-actions">
        <button type="button" className="button-secondary" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button-primary" disabled={!key.trim()}>
          Save entry
        </button>
      </div>
    </form>
  )
}
