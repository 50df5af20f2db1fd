import type { MemoryScope } from '../../../../shared/memory'
import { useMemoriesStore } from '../../stores/memoriesStore'
import type { ScopeNames } from './scopeNames'
import { scopeChoices, scopeFromKey, scopeKey, scopeLabel } from './scopeNames'

interface Props {
  /** The session whose folder, persona and self are offered. */
  sessionId: string
  value: MemoryScope
  onChange(scope: MemoryScope): void
  names: ScopeNames
  disabled?: boolean
}

/** "Remember in": global, the session's folder or persona, or only that session. */
export function ScopeSelect({ sessionId, value, onChange, names, disabled }: Props) {
  const scopes = useMemoriesStore((s) => s.sessions[sessionId])
  const choices = scopeChoices(sessionId, scopes, value)
  return (
    <label className="memory-scope-field">
      Remember in
      <select
        value={scopeKey(value)}
        disabled={disabled}
        onChange={(event) => onChange(scopeFromKey(event.target.value))}
      >
        {choices.map((scope) => (
          <option key={scopeKey(scope)} value={scopeKey(scope)}>
            {scopeLabel(scope, names)}
          </option>
        ))}
      </select>
    </label>
  )
}
