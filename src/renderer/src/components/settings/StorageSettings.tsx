import { useEffect, useState } from 'react'
import type { FormEvent } from 'react'
import { storageName } from '../../lib/displayNames'
import type { StorageSettings as Settings } from '../../../../shared/routeGroups/storage'
import type { ConnectionTestState } from '../../stores/storageStore'
import { useStorageStore } from '../../stores/storageStore'
import '../../styles/providers.css'
import '../../styles/storage.css'

type Kind = 'sqlite' | 'postgres'

const CHOICES: Array<{ value: Kind; label: string }> = [
  { value: 'sqlite', label: 'This device (SQLite)' },
  { value: 'postgres', label: 'Shared PostgreSQL database' },
]

function TestResult({ test }: { test: ConnectionTestState | null }) {
  if (!test) return null
  if (test.state === 'running')
    return (
      <p role="status" className="provider-test">
        Testing the connection…
      </p>
    )
  if (test.state === 'failed') {
    return (
      <p role="alert" className="provider-test provider-test-failed">
        Connection failed: {test.error.message}
      </p>
    )
  }
  return (
    <p role="status" className="provider-test provider-test-ok">
      Connected to {test.result.server} ({test.result.serverVersion.split(' on ')[0]}).
    </p>
  )
}

function initialKind(settings: Settings): Kind {
  return (settings.saved?.kind ?? settings.current.kind) === 'postgres' ? 'postgres' : 'sqlite'
}

/** The form starts from what is saved, else from what runs now (remounted when those change). */
function StorageForm({ settings }: { settings: Settings }) {
  const test = useStorageStore((s) => s.test)
  const busy = useStorageStore((s) => s.busy)
  const error = useStorageStore((s) => s.error)
  const savedForNextStart = useStorageStore((s) => s.savedForNextStart)
  const testConnection = useStorageStore((s) => s.testConnection)
  const apply = useStorageStore((s) => s.apply)
  const clearTest = useStorageStore((s) => s.clearTest)
  const [kind, setKind] = useState<Kind>(() => initialKind(settings))
  const [url, setUrl] = useState(
    () => settings.saved?.databaseUrl ?? settings.current.databaseUrl ?? '',
  )

  function submit(event: FormEvent) {
    event.preventDefault()
    void apply(kind === 'postgres' ? { kind, databaseUrl: url } : { kind })
  }

  return (
    <form className="storage-form" onSubmit={submit}>
      <fieldset role="radiogroup" aria-label="Storage">
        {CHOICES.map((choice) => (
          <label key={choice.value}>
            <input
              type="radio"
              name="storage-kind"
              value={choice.value}
              checked={kind === choice.value}
              onChange={() => setKind(choice.value)}
            />
            {choice.label}
          </label>
        ))}
      </fieldset>
      {kind === 'postgres' ? (
        <>
          <label className="storage-url">
            Database URL
            <input
              type="text"
              value={url}
              placeholder="postgres://user:password@host:5432/database"
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => {
                setUrl(event.target.value)
                clearTest()
              }}
            />
          </label>
          <p className="settings-note">
            The password is kept in the system keychain, never in a file, and is shown masked.
          </p>
          <div className="settings-actions">
            <button
              type="button"
              className="button-secondary"
              disabled={url.trim() === '' || test?.state === 'running'}
              onClick={() => void testConnection(url)}
            >
              Test connection
            </button>
          </div>
          <TestResult test={test} />
        </>
      ) : null}
      <div className="settings-actions">
        <button
          type="submit"
          className="button-primary"
          disabled={busy || (kind === 'postgres' && url.trim() === '')}
        >
          Use this database
        </button>
      </div>
      {busy ? <p role="status">Switching the storage…</p> : null}
      {error ? (
        <p role="alert" className="provider-error">
          Not switched: {error.message}
        </p>
      ) : null}
      {savedForNextStart ? (
        <p role="status">Saved. ActiveMirror uses it from its next start.</p>
      ) : null}
    </form>
  )
}

/**
 * Settings → Storage: this device's SQLite file or a shared PostgreSQL database. The URL is shown
 * with its password masked; sent back masked, it means the password already saved.
 */
export function StorageSettings() {
  const settings = useStorageStore((s) => s.settings)
  const error = useStorageStore((s) => s.error)
  const load = useStorageStore((s) => s.load)
  const clearTest = useStorageStore((s) => s.clearTest)

  useEffect(() => {
    clearTest()
    void load()
  }, [load, clearTest])

  if (!settings) return error ? <p role="alert">{error.message}</p> : <p>Loading…</p>
  const { current } = settings
  return (
    <section className="settings-section" aria-labelledby="storage-title">
      <h3 id="storage-title">Storage</h3>
      <p className="settings-note storage-current">
        Now: {storageName(current.kind)}
        {current.databaseUrl ? <span> · {current.databaseUrl}</span> : null}
      </p>
      {settings.overridden ? (
        <p className="settings-note">
          This start was told its storage by --storage or AMOS_STORAGE; what you save here applies
          when ActiveMirror starts without them.
        </p>
      ) : null}
      <StorageForm key={JSON.stringify(settings)} settings={settings} />
    </section>
  )
}
