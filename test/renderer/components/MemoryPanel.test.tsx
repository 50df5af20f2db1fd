import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import type { VaultEntry } from '../../../src/shared/vault'
import type { FakeBridge } from '../fakeBridge'
import { freshBridge } from '../helpers'

let bridge: FakeBridge
let entries: VaultEntry[]
let unlocked: boolean

const routine: VaultEntry = {
  key: 'routine',
  value: 'I write best before 8 am',
  category: 'preferences',
  tags: [],
  metadata: {},
  useInConversations: true,
  createdAt: '2025-03-01T10:00:00.000Z',
  updatedAt: '2025-03-01T10:00:00.000Z',
}

beforeEach(() => {
  bridge = freshBridge()
  entries = [routine]
  unlocked = true
  window.history.replaceState(null, '', '/')
  bridge.handle('vault.status', () => ({
    initialized: true,
    unlocked,
    remembered: false,
    vaultId: 'v1',
    autoLockMinutes: 15,
  }))
  bridge.handle('vault.listEntries', () => entries)
  bridge.handle('vault.stats', () => ({
    total: entries.length,
    byCategory: {
      goals: 0,
      reflections: 0,
      preferences: entries.length,
      private: 0,
      knowledge: 0,
      relationships: 0,
    },
    messages: 0,
  }))
  bridge.handle('vault.deleteEntry', ({ key }) => {
    entries = entries.filter((e) => e.key !== key)
    return { deleted: true }
  })
  bridge.handle('memory.used', () => ({
    settings: { recall: true, useMemory: true, excludeFromRecall: false },
    temporary: false,
    items: [
      {
        kind: 'memory',
        id: 'routine',
        label: 'Preferences: routine',
        uses: 2,
        replyId: 'r1',
        lastUsedAt: '2025-03-01T10:05:00.000Z',
      },
    ],
  }))
})

async function openMemory(): Promise<void> {
  const session = bridge.addSession('Mornings')
  bridge.addMessage(session.id, 'user', 'When should I write?')
  render(<App />)
  await userEvent.click(await screen.findByRole('link', { name: 'Mornings' }))
  await userEvent.click(await screen.findByRole('button', { name: 'Memory' }))
}

describe('the memory panel', () => {
  it('edits and deletes the vault memories a conversation used, while the vault is open', async () => {
    await openMemory()
    const memories = await screen.findByRole(
      'list',
      { name: 'Vault memories used' },
      { timeout: 5000 },
    )
    expect(await within(memories).findByText('I write best before 8 am')).toBeInTheDocument()

    await userEvent.click(within(memories).getByRole('button', { name: /^Edit\s*routine$/ }))
    expect(screen.getByDisplayValue('I write best before 8 am')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }))

    const list = screen.getByRole('list', { name: 'Vault memories used' })
    await userEvent.click(within(list).getByRole('button', { name: /^Delete\s*routine$/ }))
    await userEvent.click(within(list).getByRole('button', { name: /^Delete\s*routine$/ }))
    expect(bridge.callsTo('vault.deleteEntry')).toEqual([{ key: 'routine' }])
    // Deleted from the vault: only the record that replies used it stays.
    expect(await within(list).findByText('Preferences: routine')).toBeInTheDocument()
    expect(within(list).queryByRole('button', { name: /^Edit\s*routine$/ })).toBeNull()
  })

  it('shows only the names of memories while the vault is locked', async () => {
    unlocked = false
    await openMemory()
    const list = await screen.findByRole('list', { name: 'Vault memories used' })
    expect(list).toHaveTextContent('Preferences: routine')
    expect(within(list).queryByText('I write best before 8 am')).toBeNull()
    expect(within(list).queryAllByRole('button', { hidden: true })).toEqual([])
  })
})
