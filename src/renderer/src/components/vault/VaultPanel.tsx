import { useEffect } from 'react'
import { getBridge } from '../../bridge/bridgeClient'
import { useEscapeLayer } from '../../hooks/useEscapeLayer'
import { useVaultActivity } from '../../hooks/useVaultActivity'
import { connectVaultEvents, useVaultStore } from '../../stores/vaultStore'
import { VaultAlert } from './VaultAlert'
import { VaultEntries } from './VaultEntries'
import { VaultSettings } from './VaultSettings'
import { VaultSetup } from './VaultSetup'
import { VaultUnlock } from './VaultUnlock'
import '../../styles/cards.css'
import '../../styles/vault.css'

function OpenVault() {
  const lock = useVaultStore((s) => s.lock)
  return (
    <>
      <div className="vault-open-bar">
        <h2 id="vault-title">Vault</h2>
        <button type="button" className="button-secondary" onClick={() => void lock()}>
          Lock vault
        </button>
      </div>
      <VaultAlert />
      <VaultEntries />
      <VaultSettings />
    </>
  )
}

/** The vault: always subscribed to lock/unlock events; shown when the Vault button opens it. */
export function VaultPanel() {
  const open = useVaultStore((s) => s.open)
  const setOpen = useVaultStore((s) => s.setOpen)
  const status = useVaultStore((s) => s.status)
  useVaultActivity()
  useEscapeLayer(open, () => setOpen(false))

  useEffect(() => {
    const off = connectVaultEvents(getBridge())
    void useVaultStore.getState().load()
    return off
  }, [])

  if (!open) return null
  let body = <p>Loading…</p>
  if (status && !status.initialized) body = <VaultSetup />
  else if (status && !status.unlocked) body = <VaultUnlock />
  else if (status) body = <OpenVault />

  return (
    <section className="vault-panel" role="region" aria-label="Vault">
      <button
        type="button"
        className="icon-button vault-close"
        aria-label="Close vault"
        onClick={() => setOpen(false)}
      >
        ×
      </button>
      {status && !status.initialized && <h2>Vault</h2>}
      {body}
    </section>
  )
}
