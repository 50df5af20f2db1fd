import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { randomUUID } from 'node:crypto'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import type { Session } from '../../../src/shared/domain'
import type { TestCore } from '../core/testCore'
import { freshCore, otherProcess } from '../helpers'

let core: TestCore

beforeEach(async () => {
  core = await freshCore('sqlite')
  window.history.replaceState(null, '', '/')
})

const nav = () => screen.getByRole('navigation', { name: 'Sessions' })
const recent = () => within(nav()).getByRole('list', { name: 'Recent sessions' })
const pinnedTitles = () =>
  within(nav())
    .queryByRole('list', { name: 'Pinned sessions' })
    ?.querySelectorAll('.session-link') ?? []
const SOON = { timeout: 2_000 }

/** The group headings of the main list and the session titles under each, in order. */
function groups(): string[] {
  return Array.from(recent().children).map((row) =>
    row.getAttribute('role') === 'presentation'
      ? `# ${row.textContent}`
      : (row.querySelector('.session-link')?.textContent ?? ''),
  )
}

async function openActions(title: string) {
  const list = await within(nav()).findByRole('list', { name: 'Recent sessions' })
  const link = await within(list).findByRole('link', { name: title })
  await userEvent.click(
    within(link.closest('li')!).getByRole('button', { name: 'Session actions' }),
  )
  return screen.getByRole('menu')
}

const daysAgo = (days: number, hour = 12): string => {
  const d = new Date()
  d.setDate(d.getDate() - days)
  d.setHours(hour, 0, 0, 0)
  return d.toISOString()
}

async function sessionAt(title: string, updatedAt: string): Promise<Session> {
  const session: Session = {
    id: `ses_${randomUUID()}`,
    title,
    createdAt: updatedAt,
    updatedAt,
    messageCount: 0,
    archived: false,
    metadata: {},
  }
  await core.mirror.storage.createSession(session)
  return session
}

describe('a JSON store whose folders file was lost', () => {
  it('still lists a session filed in a folder that no longer exists', async () => {
    const json = await freshCore('json')
    const folder = await json.mirror.folders.create('Gone')
    const orphan = await json.addSession('Orphaned')
    await json.mirror.folders.move(orphan.id, folder.id)
    rmSync(join(json.dir, '.activemirror', 'folders.json'))
    render(<App />)
    const list = await within(nav()).findByRole('list', { name: 'Recent sessions' })
    await within(list).findByRole('link', { name: 'Orphaned' })
  })
})

describe('organising the sidebar', () => {
  it('groups by date: Today, Yesterday, Previous 7 days, then months', async () => {
    await sessionAt('Now', new Date().toISOString())
    await sessionAt('Last night', daysAgo(1))
    await sessionAt('Earlier this week', daysAgo(4))
    const old = new Date(2024, 10, 15, 12).toISOString()
    await sessionAt('Long ago', old)
    render(<App />)
    await within(nav()).findByRole('link', { name: 'Long ago' })
    expect(groups()).toEqual([
      '# Today',
      'Now',
      '# Yesterday',
      'Last night',
      '# Previous 7 days',
      'Earlier this week',
      '# November 2024',
      'Long ago',
    ])
  })

  it('Pin puts a session in the Pinned group at the top without changing updatedAt; Unpin puts it back', async () => {
    const user = userEvent.setup()
    const old = await sessionAt('Old favourite', daysAgo(30))
    await sessionAt('Fresh', new Date().toISOString())
    render(<App />)
    await user.click(
      within(await openActions('Old favourite')).getByRole('menuitem', { name: 'Pin' }),
    )
    const pinnedList = await within(nav()).findByRole('list', { name: 'Pinned sessions' })
    const link = within(pinnedList).getByRole('link', { name: 'Old favourite' })
    // The Pinned group comes first in the sidebar, and focus follows the session there.
    const sections = within(nav()).getAllByRole('heading', { level: 2 })
    expect(sections.map((h) => h.textContent)).toEqual(['Pinned', 'Folders'])
    await waitFor(() => expect(link).toHaveFocus())
    expect(within(recent()).queryByRole('link', { name: 'Old favourite' })).toBeNull()
    const stored = await core.storedSession(old.id)
    expect(stored).toMatchObject({ pinned: true, updatedAt: old.updatedAt })

    await user.click(within(link.closest('li')!).getByRole('button', { name: 'Session actions' }))
    await user.click(screen.getByRole('menuitem', { name: 'Unpin' }))
    await within(recent()).findByRole('link', { name: 'Old favourite' })
    expect(pinnedTitles()).toHaveLength(0)
    expect((await core.storedSession(old.id))?.pinned).toBe(false)
  })

  it('creates a folder, moves a session by the menu and by dragging, and deletes the folder after confirming', async () => {
    const user = userEvent.setup()
    const byMenu = await core.addSession('Filed by menu')
    const byDrag = await core.addSession('Filed by drag')
    render(<App />)
    await within(nav()).findByRole('link', { name: 'Filed by drag' })

    await user.click(within(nav()).getByRole('button', { name: 'New folder' }))
    await user.type(screen.getByRole('textbox', { name: 'Folder name' }), 'Research{Enter}')
    const folders = within(nav()).getByRole('region', { name: 'Folders' })
    const toggle = await within(folders).findByRole('button', { name: 'Research' })
    expect(toggle).toHaveAttribute('aria-expanded', 'true')
    const [folder] = await core.mirror.folders.list()
    expect(folder?.name).toBe('Research')

    // By the menu (keyboard users too): Move to folder… ▸ Research.
    await user.click(
      within(await openActions('Filed by menu')).getByRole('menuitem', { name: 'Move to folder…' }),
    )
    const dialog = screen.getByRole('dialog', { name: 'Move “Filed by menu” to folder' })
    await user.click(within(dialog).getByRole('button', { name: 'Research' }))
    const inFolder = await within(folders).findByRole('list', { name: 'Folder Research' })
    await within(inFolder).findByRole('link', { name: 'Filed by menu' })
    expect(within(recent()).queryByRole('link', { name: 'Filed by menu' })).toBeNull()
    expect((await core.storedSession(byMenu.id))?.folderId).toBe(folder!.id)

    // By dragging the session onto the folder.
    const link = within(recent()).getByRole('link', { name: 'Filed by drag' })
    const dataTransfer = {
      setData: () => undefined,
      effectAllowed: 'all',
      dropEffect: 'none',
      types: [],
    }
    fireEvent.dragStart(link, { dataTransfer })
    const target = toggle.closest('li')!
    fireEvent.dragEnter(target, { dataTransfer })
    fireEvent.dragOver(target, { dataTransfer })
    fireEvent.drop(target, { dataTransfer })
    await within(inFolder).findByRole('link', { name: 'Filed by drag' })
    expect((await core.storedSession(byDrag.id))?.folderId).toBe(folder!.id)

    // And out again, by dragging it onto the list.
    fireEvent.dragStart(within(inFolder).getByRole('link', { name: 'Filed by drag' }), {
      dataTransfer,
    })
    fireEvent.dragOver(recent(), { dataTransfer })
    fireEvent.drop(recent(), { dataTransfer })
    await within(recent()).findByRole('link', { name: 'Filed by drag' })
    expect((await core.storedSession(byDrag.id))?.folderId).toBeNull()

    // Delete: asks first; Cancel keeps it, confirming keeps its sessions (in no folder).
    await user.click(within(target).getByRole('button', { name: 'Folder actions' }))
    await user.click(screen.getByRole('menuitem', { name: 'Delete folder' }))
    const confirm = screen.getByRole('dialog', { name: 'Delete folder?' })
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus()
    await user.click(within(confirm).getByRole('button', { name: 'Delete folder' }))
    await within(recent()).findByRole('link', { name: 'Filed by menu' })
    expect(within(folders).queryByRole('button', { name: 'Research' })).toBeNull()
    expect(await core.storedSession(byMenu.id)).toMatchObject({
      folderId: null,
      title: 'Filed by menu',
    })
  })

  it('keyboard only: make a folder, move a session there and pin it through the menus', async () => {
    const user = userEvent.setup()
    const notes = await core.addSession('Keyboard notes')
    render(<App />)
    const link = await within(nav()).findByRole('link', { name: 'Keyboard notes' })

    within(nav()).getByRole('button', { name: 'New folder' }).focus()
    await user.keyboard('{Enter}')
    expect(screen.getByRole('textbox', { name: 'Folder name' })).toHaveFocus()
    await user.keyboard('Letters{Enter}')
    const folders = within(nav()).getByRole('region', { name: 'Folders' })
    await within(folders).findByRole('button', { name: 'Letters' })

    within(link.closest('li')!).getByRole('button', { name: 'Session actions' }).focus()
    await user.keyboard('{Enter}')
    const menu = screen.getByRole('menu')
    while (document.activeElement?.textContent !== 'Move to folder…') {
      await user.keyboard('{ArrowDown}')
    }
    expect(within(menu).getByRole('menuitem', { name: 'Move to folder…' })).toHaveFocus()
    await user.keyboard('{Enter}')
    const dialog = screen.getByRole('dialog', { name: 'Move “Keyboard notes” to folder' })
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus()
    within(dialog).getByRole('button', { name: 'Letters' }).focus()
    await user.keyboard('{Enter}')
    const inFolder = await within(folders).findByRole('list', { name: 'Folder Letters' })
    const filed = await within(inFolder).findByRole('link', { name: 'Keyboard notes' })

    within(filed.closest('li')!).getByRole('button', { name: 'Session actions' }).focus()
    // Rename, then Pin (an empty session has no Regenerate title).
    await user.keyboard('{Enter}{ArrowDown}{Enter}')
    const pinnedList = await within(nav()).findByRole('list', { name: 'Pinned sessions' })
    await waitFor(() =>
      expect(within(pinnedList).getByRole('link', { name: 'Keyboard notes' })).toHaveFocus(),
    )
    expect(await core.storedSession(notes.id)).toMatchObject({ pinned: true })
    expect((await core.storedSession(notes.id))?.folderId).toMatch(/^folder_/)
  })

  it('renames a folder inline and says so when the name is taken', async () => {
    const user = userEvent.setup()
    await core.mirror.folders.create('Work')
    await core.mirror.folders.create('Home')
    await core.addSession('Anything')
    render(<App />)
    const folders = await within(nav()).findByRole('region', { name: 'Folders' })
    const home = await within(folders).findByRole('button', { name: 'Home' })
    await user.click(within(home.closest('li')!).getByRole('button', { name: 'Folder actions' }))
    await user.click(screen.getByRole('menuitem', { name: 'Rename folder' }))
    const field = screen.getByRole('textbox', { name: 'Folder name' })
    await user.clear(field)
    await user.type(field, 'work{Enter}')
    expect(await screen.findByText(/already exists/)).toBeInTheDocument()
    expect((await core.mirror.folders.list()).map((f) => f.name)).toEqual(['Home', 'Work'])
  })

  it('marks search hits in archived sessions "Archived"', async () => {
    const user = userEvent.setup()
    const attic = await core.addSession('Attic', { archived: true })
    await core.addMessage(attic.id, 'user', 'the brass telescope')
    const desk = await core.addSession('Desk')
    await core.addMessage(desk.id, 'user', 'a telescope on the desk')
    render(<App />)
    await user.type(await screen.findByRole('searchbox', { name: 'Search sessions' }), 'telescope')
    const hits = await screen.findByRole('region', { name: 'Matching messages' })
    await waitFor(() => expect(within(hits).getAllByRole('button')).toHaveLength(2))
    const archivedHit = within(hits).getByRole('button', { name: /Attic/ })
    expect(within(archivedHit).getByText('Archived')).toBeInTheDocument()
    const activeHit = within(hits).getByRole('button', { name: /Desk/ })
    expect(within(activeHit).queryByText('Archived')).toBeNull()
  })

  it('shows pins, moves and folders made by another process (the CLI) without a reload', async () => {
    const plan = await core.addSession('Plan')
    await core.addSession('Other')
    render(<App />)
    await within(nav()).findByRole('link', { name: 'Plan' })
    const other = await otherProcess(core)
    await other.folders.pin(plan.id)
    await waitFor(
      () => expect([...pinnedTitles()].map((a) => a.textContent)).toEqual(['Plan']),
      SOON,
    )
    const folder = await other.folders.create('From the CLI')
    const folders = within(nav()).getByRole('region', { name: 'Folders' })
    const toggle = await within(folders).findByRole('button', { name: 'From the CLI' }, SOON)
    // Folders start closed; open it to see what arrives.
    await userEvent.click(toggle)
    await other.folders.move(plan.id, folder.id)
    const list = await within(folders).findByRole('list', { name: 'Folder From the CLI' }, SOON)
    await within(list).findByRole('link', { name: 'Plan' }, SOON)
  })
})
