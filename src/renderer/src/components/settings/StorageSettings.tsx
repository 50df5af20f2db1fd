import { useEffect, useState } from 'react'
import type { FormEvent } from 'react'
import { joinDatabaseUrl, sameDatabase, splitDatabaseUrl } from '../../lib/databaseUrlParts'
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

type Place = { kind: string; databaseUrl: string | null }

/** The form names `place`: the same kind and, for PostgreSQL, the same database. */
function names(kind: Kind, url: string, place: Place): boolean {
  if (kind !== place.kind) return false
  return kind === 'sqlite' || sameDatabase(url, place.databaseUrl)
}

/** Nothing to switch: what runs now, and what is saved (if anything), is what the form names. */
function alreadyInUse(kind: Kind, url: string, settings: Settings): boolean {
  return names(kind, url, settings.current) && (!settings.saved || names(kind, url, settings.saved))
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
  // The password has its own field: the URL field never shows it, even while typing.
  const [initial] = useState(() =>
    splitDatabaseUrl(settings.saved?.databaseUrl ?? settings.current.databaseUrl ?? ''),
  )
  const [url, setUrl] = useState(initial.url)
  const [password, setPassword] = useState(initial.password)
  const fullUrl = joinDatabaseUrl(url, password)
  const inUse = alreadyInUse(kind, url, settings)

  function changeUrl(text: string) {
    // A pasted URL with a password in it: the password moves to its own field at once.
    const parts = splitDatabaseUrl(text)
    setUrl(parts.url)
    if (parts.password !== '') setPassword(parts.password)
    clearTest()
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    if (inUse) return
    void apply(kind === 'postgres' ? { kind, databaseUrl: fullUrl } : { kind })
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
              placeholder="postgres://user@host:5432/database"
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => changeUrl(event.target.value)}
            />
          </label>
          <label className="storage-url">
            Database password
            <input
              type="password"
              value={password}
              autoComplete="new-password"
              onChange={(event) => {
                setPassword(event.target.value)
                clearTest()
              }}
            />
          </label>
          <p className="settings-note">
            The password is kept in the system keychain, never in a file, and never shown.
          </p>
          <div className="settings-actions">
            <button
              type="button"
              className="button-secondary"
              disabled={url.trim() === '' || test?.state === 'running'}
              onClick={() => void testConnection(fullUrl)}
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
          disabled={busy || inUse || (kind === 'postgres' && url.trim() === '')}
          aria-describedby={inUse ? 'storage-in-use' : undefined}
        >
          Use this database
        </button>
      </div>
      {inUse ? (
        <p id="storage-in-use" className="settings-note">
          ActiveMirror is already using this database.
        </p>
      ) : null}
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
 * Settings → Storage: this device's SQLite file or a shared PostgreSQL database. The password
 * has a field of its own; a saved one comes back as the mask, which sent back means "keep it".
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
