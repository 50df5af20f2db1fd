import { useVaultStore } from '../../stores/vaultStore'

/** The vault panel's own error line (a wrong password says how long to wait). */
export function VaultAlert({ message }: { message?: string | null }) {
  const error = useVaultStore((s) => s.error)
  const text = message ?? error?.message
  if (!text) return null
  return (
    <p role="alert" className="vault-alert">
      {text}
    </p>
  )
}
