import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { openApp, runAmos } from './helpers'

const amos = (dataDir: string, ...args: string[]): Promise<string> => runAmos(dataDir, args)

function daysAgo(days: number): string {
  const d = new Date()
  d.setDate(d.getDate() - days)
  d.setHours(12, 0, 0, 0)
  return d.toISOString()
}

interface Seed {
  title: string
  updatedAt: string
  text: string
  archived?: boolean
}

/** Sessions with chosen dates, imported from native JSON files with `amos import`. */
async function seed(dataDir: string, sessions: Seed[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'amos-e2e-seed-'))
  try {
    const files = sessions.map((s, i) => {
      const id = `session_${Date.now()}_seed${i}`
      const file = join(dir, `${id}.json`)
      const message = { id: `msg_${Date.now()}_seed${i}`, role: 'user', content: s.text }
      writeFileSync(
        file,
        JSON.stringify({
          format: 'activemirror.session',
          version: 2,
          id,
          title: s.title,
          createdAt: s.updatedAt,
          updatedAt: s.updatedAt,
          archived: s.archived ?? false,
          metadata: {},
          messages: [{ ...message, timestamp: s.updatedAt }],
        }),
      )
      return file
    })
    await amos(dataDir, 'import', ...files)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Sessions' })
const recent = (page: Page) => page.getByRole('list', { name: 'Recent sessions' })
const folders = (page: Page) => nav(page).getByRole('region', { name: 'Folders' })
const pinned = (page: Page) => page.getByRole('list', { name: 'Pinned sessions' })

function itemIn(list: Locator, title: string): Locator {
  return list
    .getByRole('listitem')
    .filter({ has: list.page().getByRole('link', { name: title, exact: true }) })
}

async function sessionMenu(list: Locator, title: string, item: string): Promise<void> {
  await itemIn(list, title).getByRole('button', { name: 'Session actions' }).click()
  await list.page().getByRole('menuitem', { name: item }).click()
}

test('date groups, pinning to the top, folders by menu and by drag, and the Archived marker', async ({
  page,
  host,
}) => {
  await seed(host.dataDir, [
    { title: 'Morning notes', updatedAt: new Date().toISOString(), text: 'coffee and plans' },
    { title: 'Weekend hike', updatedAt: daysAgo(3), text: 'the lighthouse trail' },
    { title: 'Draft ideas', updatedAt: daysAgo(1), text: 'ideas for a novel' },
    { title: 'Old trip', updatedAt: '2024-11-15T12:00:00.000Z', text: 'a night at the lighthouse' },
    {
      title: 'Attic',
      updatedAt: '2024-10-01T12:00:00.000Z',
      text: 'the lighthouse keeper’s log',
      archived: true,
    },
  ])
  await openApp(page, host)

  // Date groups, newest first.
  const headings = recent(page).getByRole('heading')
  await expect(headings).toHaveText(['Today', 'Yesterday', 'Previous 7 days', 'November 2024'])

  // Pin: the session moves to the top of the sidebar, in the Pinned group.
  await sessionMenu(recent(page), 'Weekend hike', 'Pin')
  await expect(nav(page).getByRole('heading', { level: 2 })).toHaveText(['Pinned', 'Folders'])
  await expect(pinned(page).getByRole('link')).toHaveText(['Weekend hike'])
  await expect(pinned(page).getByRole('link')).toBeFocused()
  await expect(recent(page).getByRole('link', { name: 'Weekend hike' })).toHaveCount(0)
  await expect(headings).toHaveText(['Today', 'Yesterday', 'November 2024'])

  // A folder, then a session moved into it by the menu.
  await nav(page).getByRole('button', { name: 'New folder' }).click()
  await page.getByRole('textbox', { name: 'Folder name' }).fill('Research')
  await page.getByRole('textbox', { name: 'Folder name' }).press('Enter')
  const research = folders(page).getByRole('button', { name: 'Research' })
  await expect(research).toHaveAttribute('aria-expanded', 'true')
  await sessionMenu(recent(page), 'Morning notes', 'Move to folder…')
  const dialog = page.getByRole('dialog', { name: 'Move “Morning notes” to folder' })
  await dialog.getByRole('button', { name: 'Research' }).click()
  const inResearch = folders(page).getByRole('list', { name: 'Folder Research' })
  await expect(inResearch.getByRole('link', { name: 'Morning notes' })).toBeVisible()
  await expect(recent(page).getByRole('link', { name: 'Morning notes' })).toHaveCount(0)

  // And one dragged onto the folder.
  await recent(page).getByRole('link', { name: 'Draft ideas' }).dragTo(research)
  await expect(inResearch.getByRole('link', { name: 'Draft ideas' })).toBeVisible()
  await expect(recent(page).getByRole('link', { name: 'Draft ideas' })).toHaveCount(0)
  const listed = JSON.parse(
    await amos(host.dataDir, 'sessions', 'list', '--folder', 'research', '--json'),
  ) as {
    title: string
  }[]
  expect(listed.map((s) => s.title).sort()).toEqual(['Draft ideas', 'Morning notes'])

  // A search hit in an archived session says so.
  await page.getByRole('searchbox', { name: 'Search sessions' }).fill('lighthouse')
  const hits = page.getByRole('region', { name: 'Matching messages' })
  await expect(hits.getByRole('button')).toHaveCount(3)
  await expect(hits.getByRole('button', { name: /Attic/ }).getByText('Archived')).toBeVisible()
  await expect(hits.getByRole('button', { name: /Old trip/ }).getByText('Archived')).toHaveCount(0)
})

test('a folder deleted after confirming keeps its sessions; a pin made by the CLI shows live', async ({
  page,
  host,
}) => {
  await seed(host.dataDir, [
    { title: 'Kept session', updatedAt: daysAgo(2), text: 'keep me' },
    { title: 'Pinned from the terminal', updatedAt: daysAgo(20), text: 'far away' },
  ])
  await amos(host.dataDir, 'folders', 'create', 'Temporary')
  await openApp(page, host)
  const temporary = folders(page).getByRole('button', { name: 'Temporary' })
  await expect(temporary).toBeVisible()
  await sessionMenu(recent(page), 'Kept session', 'Move to folder…')
  await page.getByRole('dialog').getByRole('button', { name: 'Temporary' }).click()
  await expect(folders(page).getByRole('link', { name: 'Kept session' })).toBeVisible()

  // The terminal pins a session: it arrives at the top like a rename would.
  const list = JSON.parse(await amos(host.dataDir, 'sessions', 'list', '--json')) as {
    id: string
    title: string
  }[]
  const far = list.find((s) => s.title === 'Pinned from the terminal')!
  await amos(host.dataDir, 'sessions', 'pin', far.id)
  await expect(pinned(page).getByRole('link')).toHaveText(['Pinned from the terminal'])

  // Delete the folder: a confirmation first; its session goes back to the list.
  await temporary.locator('xpath=..').getByRole('button', { name: 'Folder actions' }).click()
  await page.getByRole('menuitem', { name: 'Delete folder' }).click()
  const confirm = page.getByRole('dialog', { name: 'Delete folder?' })
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await confirm.getByRole('button', { name: 'Delete folder' }).click()
  await expect(temporary).toHaveCount(0)
  await expect(recent(page).getByRole('link', { name: 'Kept session' })).toBeVisible()
})

test('a folder made, renamed and deleted in one tab shows in the other', async ({
  page,
  host,
  context,
}) => {
  await seed(host.dataDir, [{ title: 'Anything', updatedAt: daysAgo(1), text: 'hello' }])
  await openApp(page, host)
  const other = await context.newPage()
  await openApp(other, host)

  await nav(page).getByRole('button', { name: 'New folder' }).click()
  await page.getByRole('textbox', { name: 'Folder name' }).fill('Shared')
  await page.getByRole('textbox', { name: 'Folder name' }).press('Enter')
  const there = folders(other).getByRole('button', { name: 'Shared' })
  await expect(there).toBeVisible({ timeout: 3_000 })

  const here = folders(page).getByRole('button', { name: 'Shared' })
  await here.locator('xpath=..').getByRole('button', { name: 'Folder actions' }).click()
  await page.getByRole('menuitem', { name: 'Rename folder' }).click()
  await page.getByRole('textbox', { name: 'Folder name' }).fill('Shared notes')
  await page.getByRole('textbox', { name: 'Folder name' }).press('Enter')
  await expect(folders(other).getByRole('button', { name: 'Shared notes' })).toBeVisible({
    timeout: 3_000,
  })

  const renamed = folders(page).getByRole('button', { name: 'Shared notes' })
  await renamed.locator('xpath=..').getByRole('button', { name: 'Folder actions' }).click()
  await page.getByRole('menuitem', { name: 'Delete folder' }).click()
  await page
    .getByRole('dialog', { name: 'Delete folder?' })
    .getByRole('button', { name: 'Delete folder' })
    .click()
  await expect(folders(other).getByRole('button', { name: 'Shared notes' })).toHaveCount(0, {
    timeout: 3_000,
  })
})
