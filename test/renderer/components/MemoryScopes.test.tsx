import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import type { TestCore } from '../core/testCore'
import { freshCore } from '../helpers'

let core: TestCore
const PASSWORD = 'renderer vault password'

beforeEach(async () => {
  core = await freshCore()
  window.history.replaceState(null, '', '/')
  await core.setUpVault(PASSWORD)
})

/** "Plans" filed in the folder "Work", "Other" in none; a memory in each scope. */
async function seedScopes() {
  const folder = await core.mirror.folders.create('Work')
  const plans = await core.addSession('Plans')
  await core.mirror.folders.move(plans.id, folder.id)
  const other = await core.addSession('Other')
  await core.mirror.memory.add('Prefers metric units')
  await core.mirror.memory.add('Uses British spelling', { kind: 'folder', id: folder.id })
  await core.mirror.memory.add('Budget is 500 euros', { kind: 'session', id: plans.id })
  await core.mirror.memory.add('Only for the other one', { kind: 'session', id: other.id })
  return { folder, plans, other }
}

/** Opens the session from the address (as a reload does: it may sit in a closed folder). */
async function openMemoryPanel(session: { id: string; title: string }) {
  window.history.replaceState(null, '', `/#session=${encodeURIComponent(session.id)}`)
  render(<App />)
  await screen.findByRole('heading', { level: 2, name: session.title })
  await userEvent.click(await screen.findByRole('button', { name: 'Memory' }))
  return screen.findByRole('region', { name: 'Memory' })
}

const texts = (list: HTMLElement) =>
  within(list)
    .getAllByRole('listitem')
    .map((item) => item.querySelector('.suggestion-text')?.textContent)

describe('the memory panel’s memories', () => {
  it('filters by scope: all, global, this folder, this session (this persona is off without one)', async () => {
    const { plans } = await seedScopes()
    const panel = await openMemoryPanel(plans)
    const list = await within(panel).findByRole('list', { name: 'Memories' })
    await waitFor(() => expect(texts(list)).toHaveLength(4))
    const filters = within(panel).getByRole('group', { name: 'Show memories' })
    expect(within(filters).getByRole('button', { name: 'All' })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
    expect(within(filters).getByRole('button', { name: 'This persona' })).toBeDisabled()

    await userEvent.click(within(filters).getByRole('button', { name: 'This folder' }))
    await waitFor(() => expect(texts(list)).toEqual(['Uses British spelling']))
    expect(within(list).getByText('Folder “Work”')).toBeVisible()
    await userEvent.click(within(filters).getByRole('button', { name: 'Global' }))
    await waitFor(() => expect(texts(list)).toEqual(['Prefers metric units']))
    await userEvent.click(within(filters).getByRole('button', { name: 'This session' }))
    await waitFor(() => expect(texts(list)).toEqual(['Budget is 500 euros']))
    expect(within(list).getByText('Session “Plans”')).toBeVisible()
  })

  it('edits a memory’s text and scope, and deletes one', async () => {
    const { plans } = await seedScopes()
    const panel = await openMemoryPanel(plans)
    const list = await within(panel).findByRole('list', { name: 'Memories' })
    const metric = await within(list).findByRole('listitem', { name: 'Prefers metric units' })
    await userEvent.click(within(metric).getByRole('button', { name: 'Edit' }))
    const text = within(metric).getByRole('textbox', { name: 'Memory text' })
    await userEvent.clear(text)
    await userEvent.type(text, 'Prefers metric units and 24-hour time')
    await userEvent.selectOptions(
      within(metric).getByRole('combobox', { name: 'Remember in' }),
      'Session “Plans”',
    )
    await userEvent.click(within(metric).getByRole('button', { name: 'Save' }))
    await waitFor(async () => {
      const stored = (await core.mirror.memory.list()).find((m) => m.text.startsWith('Prefers'))
      expect(stored?.text).toBe('Prefers metric units and 24-hour time')
      expect(stored?.scope).toEqual({ kind: 'session', id: plans.id })
    })

    const budget = within(list).getByRole('listitem', { name: 'Budget is 500 euros' })
    await userEvent.click(within(budget).getByRole('button', { name: 'Delete' }))
    await userEvent.click(within(budget).getByRole('button', { name: 'Delete memory' }))
    await waitFor(() =>
      expect(within(list).queryByRole('listitem', { name: 'Budget is 500 euros' })).toBeNull(),
    )
    const left = (await core.mirror.memory.list()).map((m) => m.text)
    expect(left).not.toContain('Budget is 500 euros')
    expect(left).toHaveLength(3)
  })

  it('says a memory is not used yet and opens the message it came from', async () => {
    const other = await core.addSession('Where it began')
    const source = await core.addMessage(other.id, 'user', 'I prefer tea to coffee.')
    await core.mirror.memory.suggest(other.id)
    const [suggestion] = await core.mirror.memory.suggestions()
    await core.mirror.memory.accept(suggestion!.id)
    const plans = await core.addSession('Plans')

    const panel = await openMemoryPanel(plans)
    const item = await within(panel).findByRole('listitem', { name: 'Prefers tea to coffee' })
    expect(item).toHaveTextContent('Global Not used yet')
    await userEvent.click(within(item).getByRole('link', { name: 'Where it began' }))
    expect(await screen.findByRole('heading', { level: 2, name: 'Where it began' })).toBeVisible()
    const message = (await screen.findByText('I prefer tea to coffee.')).closest('article')
    expect(message).toHaveAttribute('aria-current', 'true')
    expect(message?.closest('[data-message-id]')).toHaveAttribute('data-message-id', source.id)
  })

  it('shows when a memory was last given to a model', async () => {
    const { plans } = await seedScopes()
    const sent = await core.mirror.chat.send({
      sessionId: plans.id,
      text: 'How much can I spend?',
      pattern: 'exploratory',
      uncertainty: 'none',
    })
    await sent.completion
    const panel = await openMemoryPanel(plans)
    const budget = await within(panel).findByRole('listitem', { name: 'Budget is 500 euros' })
    expect(budget).toHaveTextContent(/Last used \S/)
    // Another session's memory did not go to this session's model.
    const other = within(panel).getByRole('listitem', { name: 'Only for the other one' })
    expect(other).toHaveTextContent('Not used yet')
    // What this conversation used lists the memory by its text, not its vault key.
    const used = within(panel).getByRole('list', { name: 'Vault memories used' })
    expect(await within(used).findByText(/Budget is 500 euros/)).toBeVisible()
    expect(used).not.toHaveTextContent(/mem_/)
  })

  it('follows memories added elsewhere (memory.changed)', async () => {
    const { plans } = await seedScopes()
    const panel = await openMemoryPanel(plans)
    const list = await within(panel).findByRole('list', { name: 'Memories' })
    await waitFor(() => expect(texts(list)).toHaveLength(4))
    await core.mirror.memory.add('Listens to jazz while working')
    expect(
      await within(list).findByRole('listitem', { name: 'Listens to jazz while working' }),
    ).toBeVisible()
  })

  it('asks for the vault while it is locked', async () => {
    const { plans } = await seedScopes()
    core.mirror.vault.lock('manual')
    const panel = await openMemoryPanel(plans)
    expect(
      await within(panel).findByText('Memories live in the vault: open it to see them.'),
    ).toBeVisible()
    expect(within(panel).queryByRole('list', { name: 'Memories' })).toBeNull()
  })
})

describe('the memory panel without a vault', () => {
  it('asks for the vault to be set up, without an error', async () => {
    core = await freshCore()
    const session = await core.addSession('No vault yet')
    const panel = await openMemoryPanel(session)
    expect(
      await within(panel).findByText('Memories live in the vault: open it to see them.'),
    ).toBeVisible()
    expect(screen.queryByRole('alert')).toBeNull()
  })
})

describe('Settings → Memories', () => {
  it('"Send memories only to local models" is on by default and the choice is kept by main', async () => {
    render(<App />)
    await userEvent.click(await screen.findByRole('button', { name: 'Settings' }))
    const settings = await screen.findByRole('dialog', { name: 'Settings' })
    const localOnly = await within(settings).findByRole('checkbox', {
      name: 'Send memories only to local models',
    })
    expect(localOnly).toBeChecked()
    await userEvent.click(localOnly)
    await waitFor(async () =>
      expect(await core.mirror.memory.privacy()).toEqual({ localOnly: false }),
    )
    expect(localOnly).not.toBeChecked()
    await userEvent.click(localOnly)
    await waitFor(async () =>
      expect(await core.mirror.memory.privacy()).toEqual({ localOnly: true }),
    )
  })
})
