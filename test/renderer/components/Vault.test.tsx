import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import { useVaultEntriesStore } from '../../../src/renderer/src/stores/vaultEntriesStore'
import { useVaultStore } from '../../../src/renderer/src/stores/vaultStore'
import type { VaultStatus } from '../../../src/shared/vault'
import type { FakeBridge } from '../fakeBridge'
import { freshBridge } from '../helpers'

const PASSWORD = 'renderer vault password'
let bridge: FakeBridge
let status: VaultStatus

/** A small model of main's vault behind the fake bridge. */
function vaultModel(initial: Partial<VaultStatus>) {
  status = {
    initialized: true,
    unlocked: false,
    remembered: false,
    vaultId: 'v1',
    autoLockMinutes: 15,
    ...initial,
  }
  const open = () => {
    status = { ...status, unlocked: true }
    bridge.emit('vault.unlocked', { method: 'password' })
    return status
  }
  bridge.handle('vault.status', () => status)
  bridge.handle('vault.init', () => {
    status = { ...status, initialized: true }
    return open()
  })
  bridge.handle('vault.unlock', ({ password }) => {
    if (password !== PASSWORD) throw new Error('unused')
    return open()
  })
  bridge.handle('vault.unlockWithKeychain', () => open())
  bridge.handle('vault.lock', () => {
    status = { ...status, unlocked: false }
    bridge.emit('vault.locked', { reason: 'manual' })
    return status
  })
  bridge.handle('vault.remember', ({ on }) => (status = { ...status, remembered: on }))
  bridge.handle('vault.listEntries', () => [])
  const none = {
    goals: 0,
    reflections: 0,
    preferences: 0,
    private: 0,
    knowledge: 0,
    relationships: 0,
  }
  bridge.handle('vault.stats', () => ({ total: 0, byCategory: none, messages: 0 }))
}

function panel() {
  return screen.getByRole('region', { name: 'Vault' })
}

beforeEach(() => {
  bridge = freshBridge()
  useVaultStore.setState(useVaultStore.getInitialState(), true)
  useVaultEntriesStore.setState(useVaultEntriesStore.getInitialState(), true)
  window.history.replaceState(null, '', '/')
})

describe('the vault locker', () => {
  it('first run: two passwords with a strength hint, then the open vault', async () => {
    vaultModel({ initialized: false, vaultId: null })
    render(<App />)
    await userEvent.click(screen.getByRole('button', { name: 'Vault' }))
    const password = await within(panel()).findByLabelText('Vault password')
    await userEvent.type(password, 'abc')
    expect(within(panel()).getByText(/Use at least 8 characters/)).toBeInTheDocument()
    await userEvent.type(password, 'defgh12345')
    expect(within(panel()).getByText(/Strength \d\/4/)).toBeInTheDocument()
    await userEvent.type(within(panel()).getByLabelText('Repeat the password'), 'something else')
    await userEvent.click(within(panel()).getByRole('button', { name: 'Set up vault' }))
    expect(within(panel()).getByRole('alert')).toHaveTextContent('not the same')
    expect(bridge.callsTo('vault.init')).toEqual([])

    await userEvent.clear(within(panel()).getByLabelText('Repeat the password'))
    await userEvent.type(within(panel()).getByLabelText('Repeat the password'), 'abcdefgh12345')
    await userEvent.click(within(panel()).getByRole('button', { name: 'Set up vault' }))
    expect(await within(panel()).findByRole('button', { name: 'Lock vault' })).toBeInTheDocument()
    expect(bridge.callsTo('vault.init')).toEqual([{ password: 'abcdefgh12345' }])
  })

  it('a wrong password shows the wait in an alert; the right one with Remember unlocks', async () => {
    vaultModel({})
    bridge.fail('vault.unlock', {
      code: 'VAULT_BAD_PASSWORD',
      message: 'Wrong password. Try again in 2 s.',
    })
    render(<App />)
    await userEvent.click(screen.getByRole('button', { name: 'Vault' }))
    expect(await screen.findByRole('heading', { name: 'Vault locked' })).toBeInTheDocument()
    const field = within(panel()).getByLabelText('Vault password')
    await userEvent.type(field, 'nope nope{Enter}')
    expect(await within(panel()).findByRole('alert')).toHaveTextContent('Try again in 2 s.')
    expect(field).toHaveValue('')

    bridge.succeed('vault.unlock')
    await userEvent.type(field, PASSWORD)
    await userEvent.click(
      within(panel()).getByRole('checkbox', { name: 'Remember on this device' }),
    )
    await userEvent.click(within(panel()).getByRole('button', { name: 'Unlock' }))
    expect(await within(panel()).findByRole('button', { name: 'Lock vault' })).toBeInTheDocument()
    expect(bridge.callsTo('vault.remember')).toEqual([{ on: true }])
    expect(within(panel()).queryByRole('alert')).toBeNull()
  })

  it('a remembered device unlocks without typing', async () => {
    vaultModel({ remembered: true })
    render(<App />)
    await userEvent.click(screen.getByRole('button', { name: 'Vault' }))
    await userEvent.click(
      await within(panel()).findByRole('button', { name: 'Unlock with this device' }),
    )
    expect(await within(panel()).findByRole('button', { name: 'Lock vault' })).toBeInTheDocument()
    expect(bridge.callsTo('vault.unlock')).toEqual([])
  })
})

describe('sensitive messages in the chat', () => {
  it('locking hides their text at once; unlocking reads it back from main', async () => {
    vaultModel({ unlocked: true })
    const session = bridge.addSession('Private')
    const secret = bridge.addMessage(session.id, 'user', 'my secret words', {
      sensitive: true,
      metadata: { sealed: true },
    })
    render(<App />)
    await userEvent.click(await screen.findByRole('link', { name: 'Private' }))
    expect(await screen.findByText('my secret words')).toBeInTheDocument()

    // Auto-lock in main: only the event tells the window.
    status = { ...status, unlocked: false }
    bridge.emit('vault.locked', { reason: 'idle' })
    expect(
      await screen.findByText(/Sensitive message — unlock the vault to read/),
    ).toBeInTheDocument()
    expect(screen.queryByText('my secret words')).toBeNull()

    status = { ...status, unlocked: true }
    bridge.emit('vault.unlocked', { method: 'keychain' })
    expect(await screen.findByText('my secret words')).toBeInTheDocument()
    expect(bridge.callsTo('sessions.messages').length).toBeGreaterThan(1)
    expect(secret.content).toBe('my secret words')
  })

  it('sending a sensitive message while locked opens the unlock prompt and keeps the draft', async () => {
    vaultModel({})
    const session = bridge.addSession('Chat')
    render(<App />)
    await userEvent.click(await screen.findByRole('link', { name: session.title }))
    const box = await screen.findByRole('textbox', { name: 'Message' })
    await userEvent.type(box, 'a secret draft')
    await userEvent.click(screen.getByRole('checkbox', { name: 'Sensitive' }))
    await userEvent.click(screen.getByRole('button', { name: 'Send' }))
    expect(await screen.findByRole('heading', { name: 'Vault locked' })).toBeInTheDocument()
    expect(bridge.callsTo('chat.send')).toEqual([])
    expect(box).toHaveValue('a secret draft')
  })

  it('a reply lists the vault memories it used', async () => {
    vaultModel({ unlocked: true })
    const session = bridge.addSession('Goals')
    bridge.addMessage(session.id, 'assistant', 'Let us plan.', {
      metadata: {
        contextSources: [{ kind: 'memory', id: 'north star', label: 'Goals: north star' }],
      },
    })
    render(<App />)
    await userEvent.click(await screen.findByRole('link', { name: 'Goals' }))
    const chips = await screen.findByRole('list', { name: 'Vault memories used' })
    expect(within(chips).getByText('Goals: north star')).toBeInTheDocument()
  })
})

describe('exporting a session with sensitive messages', () => {
  it('asks first; "Include" exports again with the text', async () => {
    vaultModel({ unlocked: true })
    const session = bridge.addSession('Mixed')
    const exports: unknown[] = []
    bridge.handle('sessions.export', (input) => {
      exports.push(input)
      return {
        fileName: 'Mixed.json',
        mimeType: 'application/json',
        content: input.includeSensitive ? '{"with":"text"}' : '{"with":"placeholders"}',
        sensitiveMessages: 2,
      }
    })
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x')
    vi.spyOn(URL, 'revokeObjectURL').mockReturnValue(undefined)
    render(<App />)
    const link = await screen.findByRole('link', { name: session.title })
    await userEvent.click(
      within(link.closest('li')!).getByRole('button', { name: 'Session actions' }),
    )
    await userEvent.click(screen.getByRole('menuitem', { name: 'Export as JSON' }))
    const dialog = await screen.findByRole('dialog', { name: 'Include sensitive messages?' })
    expect(dialog).toHaveTextContent('2 sensitive messages')
    expect(created).not.toHaveBeenCalled()
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Include sensitive messages' }),
    )
    await waitFor(() => expect(created).toHaveBeenCalledTimes(1))
    expect(exports).toEqual([
      { id: session.id, format: 'json' },
      { id: session.id, format: 'json', includeSensitive: true },
    ])
    const blob = created.mock.calls[0]![0] as Blob
    expect(await blob.text()).toBe('{"with":"text"}')
  })
})
