import type { FormEvent } from 'react'
import { useEffect, useId, useRef, useState } from 'react'
import { useVaultStore } from '../../stores/vaultStore'
import { VaultAlert } from './VaultAlert'
import { CheckboxField } from '../CheckboxField'

/** The locker: password (or this device's keychain), "Remember on this device". */
export function VaultUnlock() {
  const unlock = useVaultStore((s) => s.unlock)
  const unlockWithDevice = useVaultStore((s) => s.unlockWithDevice)
  const remembered = useVaultStore((s) => s.status?.remembered ?? false)
  const reason = useVaultStore((s) => s.reason)
  const busy = useVaultStore((s) => s.busy)
  const [password, setPassword] = useState('')
  const [remember, setRemember] = useState(false)
  const inputRef = useRef<HTMLInputElement>(null)
  const ids = useId()

  useEffect(() => {
    inputRef.current?.focus()
  }, [])

  async function onSubmit(event: FormEvent) {
    event.preventDefault()
    if (!password) return
    const ok = await unlock(password, remember)
    // The password is not kept around once used, right or wrong.
    setPassword('')
    if (!ok) inputRef.current?.focus()
  }

  return (
    <div className="vault-unlock">
      <h2 id={`${ids}-title`}>Vault locked</h2>
      {reason && <p className="vault-note">{reason}</p>}
      {remembered && (
        <button
          type="button"
          className="button-primary"
          disabled={busy}
          onClick={() => void unlockWithDevice()}
        >
          Unlock with this device
        </button>
      )}
      <form onSubmit={(event) => void onSubmit(event)} className="vault-form">
        <label htmlFor={`${ids}-pw`}>Vault password</label>
        <input
          ref={inputRef}
          id={`${ids}-pw`}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {!remembered && (
          <CheckboxField
            label="Remember on this device"
            checked={remember}
            onChange={setRemember}
          />
        )}
        <VaultAlert />
        <button type="submit" className="button-primary" disabled={busy || !password}>
          Unlock
        </button>
      </form>
    </div>
  )
}
