import type { FormEvent } from 'react'
import { useId, useState } from 'react'
import { MIN_VAULT_PASSWORD_LENGTH, passwordStrength } from '../../../../shared/vaultRules'
import { useVaultStore } from '../../stores/vaultStore'
import { VaultAlert } from './VaultAlert'
import { VaultRestore } from './VaultRestore'
import { CheckboxField } from '../CheckboxField'

/** First run: choose the password (twice), with a strength hint while typing. */
export function VaultSetup() {
  const init = useVaultStore((s) => s.init)
  const busy = useVaultStore((s) => s.busy)
  const [password, setPassword] = useState('')
  const [again, setAgain] = useState('')
  const [remember, setRemember] = useState(false)
  const [mismatch, setMismatch] = useState(false)
  const ids = useId()
  const strength = password ? passwordStrength(password) : null

  async function onSubmit(event: FormEvent) {
    event.preventDefault()
    if (password !== again) {
      setMismatch(true)
      return
    }
    setMismatch(false)
    if (await init(password, remember)) {
      setPassword('')
      setAgain('')
    }
  }

  return (
    <div className="vault-setup">
      <h3>Set up your vault</h3>
      <p className="vault-note">
        Entries and sensitive messages are encrypted with a key only your password opens. There is
        no way to recover them without it.
      </p>
      <form onSubmit={(event) => void onSubmit(event)} className="vault-form">
        <label htmlFor={`${ids}-pw`}>Vault password</label>
        <input
          id={`${ids}-pw`}
          type="password"
          autoComplete="new-password"
          value={password}
          aria-describedby={`${ids}-hint`}
          onChange={(event) => setPassword(event.target.value)}
        />
        <p id={`${ids}-hint`} className="vault-hint" aria-live="polite">
          {strength
            ? `Strength ${strength.score}/4. ${strength.hint}`
            : `At least ${MIN_VAULT_PASSWORD_LENGTH} characters; a passphrase of several words is best.`}
        </p>
        <label htmlFor={`${ids}-again`}>Repeat the password</label>
        <input
          id={`${ids}-again`}
          type="password"
          autoComplete="new-password"
          value={again}
          onChange={(event) => setAgain(event.target.value)}
        />
        <CheckboxField label="Remember on this device" checked={remember} onChange={setRemember} />
        <VaultAlert message={mismatch ? 'The two passwords are not the same.' : null} />
        <button
          type="submit"
          className="button-primary"
          disabled={busy || !password || (strength?.score ?? 0) === 0}
        >
          Set up vault
        </button>
      </form>
      <VaultRestore mode="new" />
    </div>
  )
}
