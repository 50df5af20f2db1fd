import { useVaultStore } from '../../stores/vaultStore'

/** The sidebar's "Vault" button; a lock shows while the vault is open (unlocked). */
export function VaultButton() {
  const open = useVaultStore((s) => s.open)
  const setOpen = useVaultStore((s) => s.setOpen)
  const unlocked = useVaultStore((s) => s.status?.unlocked ?? false)
  return (
    <button
      type="button"
      className="button-quiet"
      aria-expanded={open}
      title={unlocked ? 'The vault is unlocked' : 'The vault is locked'}
      onClick={() => setOpen(!open)}
    >
      Vault
    </button>
  )
}
