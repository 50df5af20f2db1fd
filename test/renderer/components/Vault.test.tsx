import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import { useVaultEntriesStore } from '../../../src/renderer/src/stores/vaultEntriesStore'
import { useVaultStore } from '../../../src/renderer/src/stores/vaultStore'
import type { FaultyBridge } from '../core/faultyBridge'
import type { TestCore } from '../core/testCore'
import { freshCore } from '../helpers'

const PASSWORD = 'renderer vault password'
let core: TestCore
let bridge: FaultyBridge

function panel() {
  return screen.getByRole('region', { name: 'Vault' })
}

beforeEach(async () => {
  core = await freshCore()
  bridge = core.bridge
  useVaultStore.setState(useVaultStore.getInitialState(), true)
  useVaultEntriesStore.setState(useVaultEntriesStore.getInitialState(), true)
  window.history.replaceState(null, '', '/')
})

describe('the vault locker', () => {
  it('first run: two passwords with a strength hint, then the open vault', async () => {
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
    await core.setUpVault(PASSWORD, { locked: true })
    render(<App />)
    await userEvent.click(screen.getByRole('button', { name: 'Vault' }))
    expect(await screen.findByRole('heading', { name: 'Vault locked' })).toBeInTheDocument()
    const field = within(panel()).getByLabelText('Vault password')
    await userEvent.type(field, 'nope nope{Enter}')
    expect(await within(panel()).findByRole('alert')).toHaveTextContent('Wrong password.')
    expect(field).toHaveValue('')

    await userEvent.type(field, PASSWORD)
    await userEvent.click(
      within(panel()).getByRole('checkbox', { name: 'Remember on this device' }),
    )
    await userEvent.click(within(panel()).getByRole('button', { name: 'Unlock' }))
    expect(await within(panel()).findByRole('button', { name: 'Lock vault' })).toBeInTheDocument()
    expect(bridge.callsTo('vault.remember')).toEqual([{ on: true }])
    expect(within(panel()).queryByRole('alert')).toBeNull()
    await waitFor(async () => expect((await core.mirror.vault.status()).remembered).toBe(true))
  })

  it('a remembered device unlocks without typing', async () => {
    await core.setUpVault(PASSWORD, { remember: true, locked: true })
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
    await core.setUpVault(PASSWORD)
    const session = await core.addSession('Private')
    await core.sendSensitive(session.id, 'my secret words')
    render(<App />)
    await userEvent.click(await screen.findByRole('link', { name: 'Private' }))
    expect(await screen.findByText('my secret words')).toBeInTheDocument()

    // Auto-lock in main: only the event tells the window.
    core.mirror.vault.lock('idle')
    // The reply to a sensitive message is sealed too: both are hidden.
    expect(await screen.findAllByText(/Sensitive message — unlock the vault to read/)).toHaveLength(
      2,
    )
    expect(screen.queryByText('my secret words')).toBeNull()

    // Unlocked from another window (or the CLI's shared core): again only the event.
    await core.mirror.vault.unlock(PASSWORD)
    expect(await screen.findByText('my secret words')).toBeInTheDocument()
    expect(bridge.callsTo('sessions.messages').length).toBeGreaterThan(1)
  })

  it('sending a sensitive message while locked opens the unlock prompt and keeps the draft', async () => {
    await core.setUpVault(PASSWORD, { locked: true })
    const session = await core.addSession('Chat')
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
    const session = await core.addSession('Goals')
    await core.addMessage(session.id, 'assistant', 'Let us plan.', {
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
    await core.setUpVault(PASSWORD)
    const session = await core.addSession('Mixed')
    await core.sendSensitive(session.id, 'first secret')
    await core.sendSensitive(session.id, 'second secret')
    const { sensitiveMessages } = await core.mirror.transfer.exportSession(session.id, 'json')
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x')
    vi.spyOn(URL, 'revokeObjectURL').mockReturnValue(undefined)
    render(<App />)
    const link = await screen.findByRole('link', { name: session.title })
    await userEvent.click(
      within(link.closest('li')!).getByRole('button', { name: 'Session actions' }),
    )
    await userEvent.click(screen.getByRole('menuitem', { name: 'Export as JSON' }))
    const dialog = await screen.findByRole('dialog', { name: 'Include sensitive messages?' })
    expect(sensitiveMessages).toBeGreaterThanOrEqual(2)
    expect(dialog).toHaveTextContent(`${sensitiveMessages} sensitive messages`)
    expect(created).not.toHaveBeenCalled()
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Include sensitive messages' }),
    )
    await waitFor(() => expect(created).toHaveBeenCalledTimes(1))
    expect(bridge.callsTo('sessions.export')).toEqual([
      { id: session.id, format: 'json' },
      { id: session.id, format: 'json', includeSensitive: true },
    ])
    const blob = created.mock.calls[0]![0] as Blob
    const text = await blob.text()
    expect(text).toContain('first secret')
    expect(text).toContain('second secret')
  })
})
