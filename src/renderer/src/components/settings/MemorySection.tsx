import { useEffect } from 'react'
import { useMemoriesStore } from '../../stores/memoriesStore'
import { CheckboxField } from '../CheckboxField'

/** Settings → Memories: which models may see memories and recalled messages. */
export function MemorySection() {
  const localOnly = useMemoriesStore((s) => s.localOnly)
  const loadSettings = useMemoriesStore((s) => s.loadSettings)
  const setLocalOnly = useMemoriesStore((s) => s.setLocalOnly)
  useEffect(() => {
    void loadSettings()
  }, [loadSettings])
  return (
    <section className="settings-section" aria-labelledby="memory-settings-title">
      <h3 id="memory-settings-title">Memories</h3>
      {localOnly === null ? (
        <p>Loading…</p>
      ) : (
        <CheckboxField
          className="memory-switch"
          label="Send memories only to local models"
          checked={localOnly}
          onChange={(checked) => void setLocalOnly(checked)}
        />
      )}
      <p className="settings-note">
        While this is on, models that run elsewhere (cloud providers) get no memories and nothing
        recalled from past sessions; only the offline engine and models on this computer or your own
        network (such as Ollama) do.
      </p>
    </section>
  )
}
