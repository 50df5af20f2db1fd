import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import type { FaultyBridge } from '../core/faultyBridge'
import type { TestCore } from '../core/testCore'
import { freshCore } from '../helpers'

let core: TestCore
let bridge: FaultyBridge

beforeEach(async () => {
  core = await freshCore()
  bridge = core.bridge
  window.history.replaceState(null, '', '/')
})

afterEach(() => {
  vi.restoreAllMocks()
})

function nav() {
  return screen.getByRole('navigation', { name: 'Sessions' })
}

async function openActions(title: string) {
  const link = await within(nav()).findByRole('link', { name: title })
  const item = link.closest('li')!
  await userEvent.click(within(item).getByRole('button', { name: 'Session actions' }))
  return screen.getByRole('menu')
}

describe('Sidebar', () => {
  it('lists sessions newest first', async () => {
    await core.addSession('Oldest')
    await core.addSession('Middle')
    await core.addSession('Newest')
    render(<App />)
    await within(nav()).findByRole('link', { name: 'Newest' })
    expect(
      within(nav())
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual(['Newest', 'Middle', 'Oldest'])
  })

  it('the actions menu has the documented items and Esc closes it', async () => {
    await core.addSession('Notes')
    render(<App />)
    const menu = await openActions('Notes')
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((m) => m.textContent),
    ).toEqual([
      'Rename',
      'Pin',
      'Move to folder…',
      'Archive',
      'Export as JSON',
      'Export as Markdown',
      'Export as zip (with attachments)',
      'Export as Markdown zip',
      'Delete',
    ])
    expect(within(menu).getByRole('menuitem', { name: 'Rename' })).toHaveFocus()
    await userEvent.keyboard('{ArrowDown}')
    expect(within(menu).getByRole('menuitem', { name: 'Pin' })).toHaveFocus()
    await userEvent.keyboard('{Escape}')
    expect(screen.queryByRole('menu')).toBeNull()
  })

  it('renames inline: Enter saves, Esc cancels', async () => {
    const user = userEvent.setup()
    const s = await core.addSession('Draft')
    render(<App />)
    await user.click(within(await openActions('Draft')).getByRole('menuitem', { name: 'Rename' }))
    const field = screen.getByRole('textbox', { name: 'Session title' })
    expect(field).toHaveFocus()
    await user.clear(field)
    await user.type(field, 'Trip plans{Enter}')
    expect(await within(nav()).findByRole('link', { name: 'Trip plans' })).toBeInTheDocument()
    expect((await core.storedSession(s.id))?.title).toBe('Trip plans')

    await user.click(
      within(await openActions('Trip plans')).getByRole('menuitem', { name: 'Rename' }),
    )
    await user.type(screen.getByRole('textbox', { name: 'Session title' }), ' changed{Escape}')
    expect(screen.queryByRole('textbox', { name: 'Session title' })).toBeNull()
    expect(within(nav()).getByRole('link', { name: 'Trip plans' })).toBeInTheDocument()
    expect(bridge.callsTo('sessions.rename')).toHaveLength(1)
  })

  it('deletes only after confirming in an accessible dialog', async () => {
    const user = userEvent.setup()
    const s = await core.addSession('Private')
    render(<App />)
    await user.click(within(await openActions('Private')).getByRole('menuitem', { name: 'Delete' }))
    let dialog = screen.getByRole('dialog', { name: 'Delete session?' })
    expect(dialog).toHaveTextContent('Private')
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus()
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(await core.storedSession(s.id)).not.toBeNull()

    await user.click(within(await openActions('Private')).getByRole('menuitem', { name: 'Delete' }))
    dialog = screen.getByRole('dialog', { name: 'Delete session?' })
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }))
    await waitFor(() => expect(within(nav()).queryByRole('link', { name: 'Private' })).toBeNull())
    expect(await core.storedSession(s.id)).toBeNull()
    expect(screen.getByRole('status')).toHaveTextContent('Deleted “Private”.')
  })

  it('archives into the Archived view and unarchives back', async () => {
    const user = userEvent.setup()
    await core.addSession('Old project')
    await core.addSession('Current')
    render(<App />)
    await user.click(
      within(await openActions('Old project')).getByRole('menuitem', { name: 'Archive' }),
    )
    await waitFor(() =>
      expect(within(nav()).queryByRole('link', { name: 'Old project' })).toBeNull(),
    )

    await user.click(within(nav()).getByRole('button', { name: 'Archived' }))
    expect(await within(nav()).findByRole('link', { name: 'Old project' })).toBeInTheDocument()
    expect(within(nav()).queryByRole('link', { name: 'Current' })).toBeNull()
    const menu = await openActions('Old project')
    expect(within(menu).queryByRole('menuitem', { name: 'Archive' })).toBeNull()
    await user.click(within(menu).getByRole('menuitem', { name: 'Unarchive' }))
    await waitFor(() =>
      expect(within(nav()).queryByRole('link', { name: 'Old project' })).toBeNull(),
    )

    await user.click(within(nav()).getByRole('button', { name: 'Active' }))
    expect(await within(nav()).findByRole('link', { name: 'Old project' })).toBeInTheDocument()
  })

  it('exports as a downloaded file', async () => {
    const user = userEvent.setup()
    await core.addSession('Export me')
    const created: Blob[] = []
    URL.createObjectURL = (blob: Blob) => {
      created.push(blob)
      return 'blob:test/1'
    }
    URL.revokeObjectURL = () => {}
    const clicks: HTMLAnchorElement[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicks.push(this)
    })
    render(<App />)
    await user.click(
      within(await openActions('Export me')).getByRole('menuitem', { name: 'Export as Markdown' }),
    )
    await waitFor(() => expect(clicks).toHaveLength(1))
    expect(clicks[0]?.download).toBe('Export me.md')
    expect(clicks[0]?.href).toBe('blob:test/1')
    expect(await created[0]?.text()).toMatch(/^# Export me\n/)
    expect(screen.getByRole('status')).toHaveTextContent('Exported Export me.md.')
  })

  it('Ctrl+K focuses search; hits show highlighted snippets and open the session at the message', async () => {
    const user = userEvent.setup()
    const s = await core.addSession('Garden')
    await core.addSession('Other')
    await core.addMessage(s.id, 'user', 'Before')
    const hit = await core.addMessage(s.id, 'user', 'Plant the tomatoes in May')
    await core.addMessage(s.id, 'assistant', 'After')
    render(<App />)
    await within(nav()).findByRole('link', { name: 'Garden' })

    await user.keyboard('{Control>}k{/Control}')
    const search = screen.getByRole('searchbox', { name: 'Search sessions' })
    expect(search).toHaveFocus()
    // Main matches whole words (docs/storage.md): "tomatoes", not "tomato".
    await user.type(search, 'tomatoes')
    const result = await screen.findByRole('button', { name: /Garden/ })
    const mark = result.querySelector('mark')
    expect(mark).toHaveTextContent('tomatoes')
    expect(result).toHaveTextContent('Plant the tomatoes in May')
    expect(result.textContent).not.toMatch(/[\uE000\uE001]/)

    await user.click(result)
    const log = await screen.findByRole('log', { name: 'Messages' })
    const target = await within(log).findByText('Plant the tomatoes in May')
    const article = target.closest('article')!
    expect(article).toHaveClass('message-highlighted')
    expect(bridge.callsTo('sessions.messagesAround')).toEqual([
      { id: s.id, messageId: hit.id, limit: 50 },
    ])
    expect(screen.getByRole('heading', { name: 'Garden' })).toBeInTheDocument()
  })

  it('search lists matching session titles and says when nothing matches', async () => {
    const user = userEvent.setup()
    await core.addSession('Budget 2026')
    render(<App />)
    const search = screen.getByRole('searchbox', { name: 'Search sessions' })
    await user.type(search, 'budget')
    expect(await screen.findByRole('link', { name: 'Budget 2026' })).toBeInTheDocument()
    await user.clear(search)
    await user.type(search, 'zebra')
    expect(await screen.findByText('Nothing matches “zebra”.')).toBeInTheDocument()
  })
})
