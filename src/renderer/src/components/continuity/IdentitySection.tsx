import { useEffect, useState } from 'react'
import { useMemoryStore } from '../../stores/memoryStore'

/**
 * Names the core falls back to (the OS account, or its own fallback) that are nobody's name: the
 * field shows empty with a placeholder instead, so the user sees that a name is still to be set.
 */
const ACCOUNT_NAMES = new Set([
  'root',
  'admin',
  'administrator',
  'user',
  'guest',
  'me',
  'pi',
  'ubuntu',
  'debian',
  'vagrant',
  'ec2-user',
  'node',
  'runner',
])

export function isAccountName(name: string): boolean {
  return ACCOUNT_NAMES.has(name.trim().toLowerCase())
}

const formatDate = (iso: string): string =>
  new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' })

function NameForm({ current }: { current: string }) {
  const renameIdentity = useMemoryStore((s) => s.renameIdentity)
  const [name, setName] = useState(isAccountName(current) ? '' : current)
  return (
    <form
      className="identity-form"
      onSubmit={(event) => {
        event.preventDefault()
        void renameIdentity(name)
      }}
    >
      <label>
        Display name
        <input
          value={name}
          maxLength={80}
          placeholder="Your name"
          autoComplete="name"
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <button
        type="submit"
        className="button-secondary"
        disabled={name.trim() === '' || name.trim() === current}
      >
        Save name
      </button>
    </form>
  )
}

/** Settings → Identity: who this device's exports are written by. */
export function IdentitySection() {
  const identity = useMemoryStore((s) => s.identity)
  const loadIdentity = useMemoryStore((s) => s.loadIdentity)

  useEffect(() => {
    void loadIdentity()
  }, [loadIdentity])

  return (
    <section className="settings-section" aria-labelledby="identity-title">
      <h3 id="identity-title">Identity</h3>
      {identity ? (
        <>
          {/* Keyed by the saved name: a save (here or elsewhere) resets the field to it. */}
          <NameForm key={identity.displayName} current={identity.displayName} />
          <dl className="settings-list">
            <dt>Identity id</dt>
            <dd className="settings-path">{identity.id}</dd>
            <dt>Device</dt>
            <dd>{identity.deviceName || 'Unknown device'}</dd>
            <dt>Created</dt>
            <dd>
              <time dateTime={identity.createdAt}>{formatDate(identity.createdAt)}</time>
            </dd>
          </dl>
          <p className="settings-note">Exports name you as their author.</p>
        </>
      ) : (
        <p>Loading…</p>
      )}
    </section>
  )
}
