import { useVaultStore } from '../../stores/vaultStore'
import { LockIcon } from '../LockIcon'

/** In place of a sensitive message's text while the vault is locked. */
export function LockedMessage() {
  const setOpen = useVaultStore((s) => s.setOpen)
  return (
    <p className="message-locked">
      <LockIcon /> Sensitive message — unlock the vault to read{' '}
      <button
        type="button"
        className="button-quiet"
        onClick={() => setOpen(true, 'Unlock the vault to read sensitive messages.')}
      >
        Unlock vault
      </button>
    </p>
  )
}
