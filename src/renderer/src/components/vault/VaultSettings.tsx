import type { FormEvent } from 'react'
import { useId, useState } from 'react'
import { passwordStrength } from '../../../../shared/vaultRules'
import { useVaultStore } from '../../stores/vaultStore'
import { SdkVaultImport } from './SdkVaultImport'
import { VaultRestore } from './VaultRestore'

const AUTO_LOCK_CHOICES = [1, 5, 15, 30, 60, 240]

function ChangePassword() {
  const changePassword = useVaultStore((s) => s.changePassword)
  const busy = useVaultStore((s) => s.busy)
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [done, setDone] = useState('')
  const ids = useId()
  const strength = next ? passwordStrength(next) : null

  async function onSubmit(event: FormEvent) {
    event.preventDefault()
    setDone('')
    const ok = await changePassword(current, next)
    setCurrent('')
    if (ok) {
      setNext('')
      setDone('Password changed. Your entries were not re-encrypted; only the key was.')
    }
  }

  return (
    <details className="vault-section">
      <summary>Change password</summary>
      <form className="vault-form" onSubmit={(event) => void onSubmit(event)}>
        <label htmlFor={`${ids}-old`}>Current password</label>
        <input
          id={`${ids}-old`}
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
        />
        <label htmlFor={`${ids}-new`}>New password</label>
        <input
          id={`${ids}-new`}
          type="password"
          autoComplete="new-password"
          value={next}
          aria-describedby={`${ids}-hint`}
          onChange={(event) => setNext(event.target.value)}
        />
        <p id={`${ids}-hint`} className="vault-hint" aria-live="polite">
          {strength ? `Strength ${strength.score}/4. ${strength.hint}` : ''}
        </p>
        <button
          type="submit"
          className="button-secondary"
          disabled={busy || !current || (strength?.score ?? 0) === 0}
        >
          Change password
        </button>
        <p role="status">{done}</p>
      </form>
    </details>
  )
}

/** Auto-lock, this device, password, backups. */
export function VaultSettings() {
  const status = useVaultStore((s) => s.status)
  const setAutoLock = useVaultStore((s) => s.setAutoLock)
  const remember = useVaultStore((s) => s.remember)
  const backup = useVaultStore((s) => s.backup)
  const busy = useVaultStore((s) => s.busy)
  const ids = useId()
  if (!status) return null
  const minutes = status.autoLockMinutes
  const choices =
    minutes && !AUTO_LOCK_CHOICES.includes(minutes)
      ? [...AUTO_LOCK_CHOICES, minutes].sort((a, b) => a - b)
      : AUTO_LOCK_CHOICES

  return (
    <div className="vault-settings">
      <h3>Settings</h3>
      <label htmlFor={`${ids}-auto`}>Auto-lock after</label>
      <select
        id={`${ids}-auto`}
        value={minutes === null ? 'never' : String(minutes)}
        onChange={(event) =>
          void setAutoLock(event.target.value === 'never' ? null : Number(event.target.value))
        }
      >
        {choices.map((m) => (
          <option key={m} value={String(m)}>
            {m} {m === 1 ? 'minute' : 'minutes'} idle
          </option>
        ))}
        <option value="never">Never</option>
      </select>
      {status.remembered ? (
        <button
          type="button"
          className="button-secondary"
          disabled={busy}
          onClick={() => void remember(false)}
        >
          Forget this device
        </button>
      ) : (
        <button
          type="button"
          className="button-secondary"
          disabled={busy}
          onClick={() => void remember(true)}
        >
          Remember this device
        </button>
      )}
      <ChangePassword />
      <div className="vault-section">
        <button
          type="button"
          className="button-secondary"
          disabled={busy}
          onClick={() => void backup()}
        >
          Download encrypted backup
        </button>
      </div>
      <VaultRestore mode="merge" />
      <SdkVaultImport />
    </div>
  )
}
