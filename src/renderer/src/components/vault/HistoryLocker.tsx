import { useEffect } from 'react'
import { useVaultStore } from '../../stores/vaultStore'
import { VaultUnlock } from './VaultUnlock'
import '../../styles/vault.css'

/**
 * The whole window while encrypted history is locked: nothing of it (no title, count or
 * snippet) is asked for or shown until the vault opens, by password or this device's keychain.
 */
export function HistoryLocker() {
  const load = useVaultStore((s) => s.load)
  useEffect(() => {
    void load()
  }, [load])
  return (
    <main className="history-locker">
      <div className="history-locker-card">
        <VaultUnlock />
        <p className="vault-note">Your history is encrypted. Unlock the vault to open it.</p>
      </div>
    </main>
  )
}
