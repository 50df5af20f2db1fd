import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import type { FaultyBridge } from '../core/faultyBridge'
import type { TestCore } from '../core/testCore'
import { freshCore } from '../helpers'

let core: TestCore
let bridge: FaultyBridge
const PASSWORD = 'renderer vault password'

beforeEach(async () => {
  core = await freshCore()
  bridge = core.bridge
  window.history.replaceState(null, '', '/')
  await core.setUpVault(PASSWORD)
  await core.mirror.vault.set('routine', 'I write best before 8 am', {
    category: 'preferences',
    useInConversations: true,
  })
})

/** A conversation whose reply main built with the `routine` memory (then the vault may lock). */
async function openMemory(options: { lock?: boolean } = {}): Promise<void> {
  const session = await core.addSession('Mornings')
  const sent = await core.mirror.chat.send({
    sessionId: session.id,
    text: 'When should I write?',
    pattern: 'exploratory',
    uncertainty: 'none',
  })
  await sent.completion
  if (options.lock) core.mirror.vault.lock('manual')
  render(<App />)
  await userEvent.click(await screen.findByRole('link', { name: 'Mornings' }))
  await userEvent.click(await screen.findByRole('button', { name: 'Memory' }))
}

/** The panel (the reply in the chat lists the memories it used too). */
const memoryPanel = () => screen.findByRole('region', { name: 'Memory' })

describe('the memory panel', () => {
  it('edits and deletes the vault memories a conversation used, while the vault is open', async () => {
    await openMemory()
    const memories = await within(await memoryPanel()).findByRole(
      'list',
      { name: 'Vault memories used' },
      { timeout: 5000 },
    )
    expect(await within(memories).findByText('I write best before 8 am')).toBeInTheDocument()

    await userEvent.click(within(memories).getByRole('button', { name: /^Edit\s*routine$/ }))
    expect(screen.getByDisplayValue('I write best before 8 am')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }))

    const list = within(await memoryPanel()).getByRole('list', { name: 'Vault memories used' })
    await userEvent.click(within(list).getByRole('button', { name: /^Delete\s*routine$/ }))
    await userEvent.click(within(list).getByRole('button', { name: /^Delete\s*routine$/ }))
    expect(bridge.callsTo('vault.deleteEntry')).toEqual([{ key: 'routine' }])
    await waitFor(async () => expect(await core.mirror.vault.get('routine')).toBeNull())
    // Deleted from the vault: only the record that replies used it stays.
    expect(await within(list).findByText('Preferences: routine')).toBeInTheDocument()
    expect(within(list).queryByRole('button', { name: /^Edit\s*routine$/ })).toBeNull()
  })

  it('shows only the names of memories while the vault is locked', async () => {
    await openMemory({ lock: true })
    const list = await within(await memoryPanel()).findByRole('list', {
      name: 'Vault memories used',
    })
    expect(list).toHaveTextContent('Preferences: routine')
    expect(within(list).queryByText('I write best before 8 am')).toBeNull()
    expect(within(list).queryAllByRole('button', { hidden: true })).toEqual([])
  })
})
