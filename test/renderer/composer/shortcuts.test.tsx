import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import { shortcutGroups } from '../../../src/renderer/src/lib/shortcuts'
import { freshPageEachTest } from './page'

const core = freshPageEachTest()

describe('Keyboard shortcuts', () => {
  it('Ctrl+/ shows the sheet listing every shortcut; Ctrl+/ or Esc closes it', async () => {
    render(<App />)
    const user = userEvent.setup()
    const search = screen.getByRole('searchbox', { name: 'Search sessions' })
    await user.click(search)

    await user.keyboard('{Control>}/{/Control}')
    const sheet = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })
    for (const does of [
      'New session',
      'Search sessions',
      'Go to the message box',
      'Open Settings',
      'Show keyboard shortcuts',
      'Close the panel or dialog on top; otherwise stop the reply',
      'Send (while a reply arrives: queue it, sent when it ends)',
      'New line',
      "Open the message's menu (or the Menu key)",
      "Move between a message's toolbar buttons",
      'Editing a message: save',
      'Editing a message: cancel',
      'Previous session',
      'Next session',
      'Open the session',
      'Close the menu',
      'Import…',
      'Export all…',
    ]) {
      expect(within(sheet).getByText(does)).toBeInTheDocument()
    }
    const groups = shortcutGroups('Ctrl')
    const shown = within(sheet).getAllByRole('definition')
    expect(shown).toHaveLength(groups.flatMap((g) => g.items).length)
    const keysOf = (does: string) =>
      within(sheet).getByText(does).previousElementSibling?.querySelectorAll('kbd')
    expect([...keysOf('Open Settings')!].map((k) => k.textContent)).toEqual(['Ctrl', ','])
    expect([...keysOf('Export all…')!].map((k) => k.textContent)).toEqual(['Ctrl', 'Shift', 'E'])

    await user.keyboard('{Control>}/{/Control}')
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull()
    await user.keyboard('{Control>}/{/Control}')
    await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull()
    expect(search).toHaveFocus()
  })

  it('Ctrl+N makes a session, Ctrl+K goes to search, Ctrl+L to the message box', async () => {
    render(<App />)
    const user = userEvent.setup()
    await screen.findByText(/No sessions yet/)
    await user.keyboard('{Control>}n{/Control}')
    const box = await screen.findByRole('textbox', { name: 'Message' })
    await waitFor(async () => expect(await core().sessionCount()).toBe(1))

    await user.keyboard('{Control>}k{/Control}')
    expect(screen.getByRole('searchbox', { name: 'Search sessions' })).toHaveFocus()
    await user.keyboard('{Control>}l{/Control}')
    expect(box).toHaveFocus()
    // Also from a button, e.g. after clicking in the sidebar.
    screen.getByRole('button', { name: 'Settings' }).focus()
    await user.keyboard('{Control>}l{/Control}')
    expect(box).toHaveFocus()
  })

  it('Ctrl+, opens Settings; Esc closes it even while a field inside has focus', async () => {
    render(<App />)
    const user = userEvent.setup()
    await user.keyboard('{Control>},{/Control}')
    const settings = await screen.findByRole('dialog', { name: 'Settings' })
    await user.click(within(settings).getByRole('button', { name: 'Add provider' }))
    const model = within(settings).getByRole('combobox', { name: 'Model' })
    await user.type(model, 'llama')
    expect(model).toHaveFocus()
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog', { name: 'Settings' })).toBeNull()

    await user.keyboard('{Control>},{/Control}')
    const again = await screen.findByRole('dialog', { name: 'Settings' })
    await user.click(await within(again).findByRole('textbox', { name: 'Display name' }))
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog', { name: 'Settings' })).toBeNull()
  })

  it('Up and Down move through the session list, Home and End to its ends, Enter opens', async () => {
    await core().addSession('Oldest')
    await core().addSession('Middle')
    await core().addSession('Newest')
    render(<App />)
    const user = userEvent.setup()
    const newest = await screen.findByRole('link', { name: 'Newest' })
    newest.focus()

    await user.keyboard('{ArrowDown}')
    expect(screen.getByRole('link', { name: 'Middle' })).toHaveFocus()
    await user.keyboard('{ArrowDown}{ArrowDown}')
    expect(screen.getByRole('link', { name: 'Oldest' })).toHaveFocus()
    await user.keyboard('{ArrowUp}')
    expect(screen.getByRole('link', { name: 'Middle' })).toHaveFocus()
    await user.keyboard('{Home}')
    expect(newest).toHaveFocus()
    await user.keyboard('{End}')
    expect(screen.getByRole('link', { name: 'Oldest' })).toHaveFocus()
    await user.keyboard('{ArrowUp}{Enter}')
    expect(await screen.findByRole('heading', { level: 2, name: 'Middle' })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Middle' })).toHaveAttribute('aria-current', 'page')
  })
})
