import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import { VAULT_CATEGORIES } from '../../../src/shared/vault'
import type { VaultStats, VaultStatus } from '../../../src/shared/vault'
import type { FakeBridge } from '../fakeBridge'
import { freshBridge } from '../helpers'

let bridge: FakeBridge

/** An unlocked vault behind the fake bridge whose check reports `damaged` records. */
function unlockedVault(damaged: number): void {
  const status: VaultStatus = {
    initialized: true,
    unlocked: true,
    remembered: false,
    vaultId: 'v1',
    autoLockMinutes: 15,
  }
  const none = Object.fromEntries(VAULT_CATEGORIES.map((c) => [c, 0])) as VaultStats['byCategory']
  bridge.handle('vault.status', () => status)
  bridge.handle('vault.listEntries', () => [])
  bridge.handle('vault.stats', () => ({ total: 0, byCategory: none, messages: 0 }))
  bridge.handle('vault.check', () =>
    Array.from({ length: damaged }, (_, i) => ({
      id: `entry:${i}`,
      kind: 'entry',
      reason: 'integrity' as const,
    })),
  )
}

beforeEach(() => {
  bridge = freshBridge()
  window.history.replaceState(null, '', '/')
})

describe('damaged vault records in the window', () => {
  it('a damaged sensitive message says it could not be decrypted; the others read normally', async () => {
    unlockedVault(1)
    const session = bridge.addSession('Private')
    bridge.addMessage(session.id, 'user', '', {
      sensitive: true,
      metadata: { sealed: true, vaultDamaged: 'integrity' },
    })
    bridge.addMessage(session.id, 'user', 'still readable', {
      sensitive: true,
      metadata: { sealed: true },
    })
    render(<App />)
    await userEvent.click(await screen.findByRole('link', { name: 'Private' }))
    expect(await screen.findByText('still readable')).toBeInTheDocument()
    const note = screen.getByRole('note')
    expect(note).toHaveTextContent('This message could not be decrypted')
    expect(screen.queryByText(/unlock the vault to read/)).toBeNull()
  })

  it('the vault panel warns how many records are damaged', async () => {
    unlockedVault(2)
    render(<App />)
    await userEvent.click(screen.getByRole('button', { name: 'Vault' }))
    const panel = await screen.findByRole('region', { name: 'Vault' })
    expect(await within(panel).findByText(/2 damaged records/)).toBeInTheDocument()
  })
})
