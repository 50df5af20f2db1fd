import { useEffect } from 'react'
import type { EncryptionStatus } from '../../../../shared/encryption'
import { useEncryptionStore } from '../../stores/encryptionStore'

/** Why the switch is off for this store, in the words of that store. */
const UNSUPPORTED_NOTES: Record<EncryptionStatus['storage'], string> = {
  sqlite: 'This history cannot be encrypted here.',
  json:
    'The JSON folder store cannot be encrypted: other tools read its files as they are. ' +
    'Use SQLite storage to encrypt your history.',
  postgres:
    'History on a PostgreSQL server is protected by that server (its disk encryption and ' +
    'access rules), not by this switch. Sensitive messages and their files are still sealed by ' +
    'your vault before they leave this device.',
  memory: 'This history lives in memory only and is never written to disk.',
  custom: 'This history is kept by a custom storage backend, which handles its own encryption.',
}

/** Settings → Privacy: the "Encrypt all history" switch (docs/security.md). */
export function EncryptionSettings() {
  const status = useEncryptionStore((s) => s.status)
  const busy = useEncryptionStore((s) => s.busy)
  const error = useEncryptionStore((s) => s.error)
  const load = useEncryptionStore((s) => s.load)
  const setEncrypted = useEncryptionStore((s) => s.setEncrypted)

  useEffect(() => {
    void load()
  }, [load])

  if (!status) return null
  const unsupported = !status.supported
  return (
    <div className="encryption-settings">
      <label className="settings-switch">
        <input
          type="checkbox"
          role="switch"
          checked={status.encrypted}
          disabled={busy || unsupported}
          aria-describedby="encryption-note"
          onChange={(event) => void setEncrypted(event.target.checked)}
        />
        Encrypt all history
      </label>
      <p id="encryption-note" className="settings-note">
        {unsupported
          ? UNSUPPORTED_NOTES[status.storage]
          : 'Sessions, messages, titles, the search index and the continuity log are encrypted on ' +
            'disk with a key your vault opens (its password, or this device’s keychain). ' +
            'Close other ActiveMirror windows and commands before switching.'}
      </p>
      {busy && <p role="status">{status.encrypted ? 'Decrypting…' : 'Encrypting…'}</p>}
      {error && (
        <p role="alert" className="settings-error">
          {error.message}
        </p>
      )}
    </div>
  )
}
