import { useEffect, useId, useState } from 'react'
import type { Message, Pattern, UncertaintyLevel } from '../../../../shared/domain'
import { PATTERN_INFO, UNCERTAINTY_LABELS } from '../../../../shared/patterns'
import { PATTERN_IDS, UNCERTAINTY_IDS } from '../../lib/preferences'
import { useChatStore } from '../../stores/chatStore'
import type { TurnOptions } from '../../stores/chatTree'
import { useProvidersStore } from '../../stores/providersStore'
import { Dialog } from '../Dialog'

/** "Regenerate with…": this reply again, with another pattern, uncertainty or provider/model. */
export function RegenerateDialog() {
  const target = useChatStore((s) => s.regenerateTarget)
  if (!target) return null
  return <RegenerateForm key={target.id} message={target} />
}

function RegenerateForm({ message }: { message: Message }) {
  const close = useChatStore((s) => s.askRegenerate)
  const regenerate = useChatStore((s) => s.regenerate)
  const providers = useProvidersStore((s) => s.providers)
  const loaded = useProvidersStore((s) => s.loaded)
  const load = useProvidersStore((s) => s.load)
  const [pattern, setPattern] = useState<Pattern>(message.pattern ?? 'exploratory')
  const [uncertainty, setUncertainty] = useState<UncertaintyLevel>(message.uncertainty ?? 'none')
  const [providerId, setProviderId] = useState('')
  const [model, setModel] = useState('')
  const ids = useId()

  useEffect(() => {
    if (!loaded) void load()
  }, [loaded, load])

  function submit() {
    const options: TurnOptions = { pattern, uncertainty }
    if (providerId) options.providerId = providerId
    if (model.trim()) options.model = model.trim()
    close(null)
    void regenerate(message, options)
  }

  return (
    <Dialog
      title="Regenerate with"
      description="A new version of this reply; the current one stays as a version."
      onClose={() => close(null)}
      closeOnBackdrop
      actions={
        <>
          <button type="button" className="button-secondary" onClick={() => close(null)}>
            Cancel
          </button>
          <button type="submit" form={`${ids}-form`}>
            Regenerate
          </button>
        </>
      }
    >
      <form
        id={`${ids}-form`}
        className="regenerate-form"
        onSubmit={(event) => {
          event.preventDefault()
          submit()
        }}
      >
        <label htmlFor={`${ids}-pattern`}>Pattern</label>
        <select
          id={`${ids}-pattern`}
          value={pattern}
          onChange={(e) => setPattern(e.target.value as Pattern)}
        >
          {PATTERN_IDS.map((id) => (
            <option key={id} value={id}>
              {PATTERN_INFO[id].label}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-uncertainty`}>Uncertainty</label>
        <select
          id={`${ids}-uncertainty`}
          value={uncertainty}
          onChange={(e) => setUncertainty(e.target.value as UncertaintyLevel)}
        >
          {UNCERTAINTY_IDS.map((id) => (
            <option key={id} value={id}>
              {UNCERTAINTY_LABELS[id]}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-provider`}>Provider</label>
        <select
          id={`${ids}-provider`}
          value={providerId}
          onChange={(e) => setProviderId(e.target.value)}
        >
          <option value="">The session’s provider</option>
          {providers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-model`}>Model</label>
        <input
          id={`${ids}-model`}
          value={model}
          placeholder="The provider’s model"
          onChange={(e) => setModel(e.target.value)}
        />
      </form>
    </Dialog>
  )
}
