import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import {
  choose,
  createSession,
  importFiles,
  messages,
  openApp,
  replies,
  scrollUpTo,
  send,
  sessionExport,
  sessionItem,
  userMessages,
} from './helpers'

// Replies stream fast here; specs that press Stop slow them down.
test.use({ offlineDelayMs: 4 })

async function openActions(page: Page, title: string): Promise<void> {
  await sessionItem(page, title).getByRole('button', { name: 'Session actions' }).click()
  await expect(page.getByRole('menu')).toBeVisible()
}

function recent(page: Page) {
  return page.getByRole('list', { name: 'Recent sessions' })
}

test('a reload finds sessions, messages and each session’s pattern and uncertainty', async ({
  page,
  host,
}) => {
  await openApp(page, host)
  await createSession(page, 'First')
  await choose(page, { pattern: 'Strategic', uncertainty: 'High' })
  await send(page, 'Planning the move to the coast')
  await createSession(page, 'Second')
  await choose(page, { pattern: 'Creative', uncertainty: 'Medium' })

  await page.reload()
  await expect(recent(page).getByRole('link')).toHaveText(['Second', 'First'])
  // The open session comes back too.
  await expect(page.getByRole('heading', { level: 2, name: 'Second' })).toBeVisible()
  await expect(page.getByRole('combobox', { name: 'Pattern' })).toHaveValue('creative')
  await expect(page.getByRole('combobox', { name: 'Uncertainty' })).toHaveValue('medium')

  await recent(page).getByRole('link', { name: 'First' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'First' })).toBeVisible()
  await expect(userMessages(page)).toHaveText([/Planning the move to the coast/])
  await expect(replies(page).first().getByRole('img', { name: 'pattern: Strategic' })).toBeVisible()
  await expect(page.getByRole('combobox', { name: 'Pattern' })).toHaveValue('strategic')
  await expect(page.getByRole('combobox', { name: 'Uncertainty' })).toHaveValue('high')
})

test('rename inline: Enter saves, Esc cancels', async ({ page, host }) => {
  await openApp(page, host)
  await createSession(page, 'Draft title')
  await openActions(page, 'Draft title')
  await page.getByRole('menuitem', { name: 'Rename' }).click()
  const field = page.getByRole('textbox', { name: 'Session title' })
  await expect(field).toBeFocused()
  await field.fill('Never saved')
  await field.press('Escape')
  await expect(sessionItem(page, 'Draft title')).toBeVisible()

  await openActions(page, 'Draft title')
  await page.getByRole('menuitem', { name: 'Rename' }).click()
  await field.fill('Evening notes')
  await field.press('Enter')
  await expect(sessionItem(page, 'Evening notes')).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: 'Evening notes' })).toBeVisible()
  await page.reload()
  await expect(recent(page).getByRole('link')).toHaveText(['Evening notes'])
})

test('archive moves a session to the Archived view and unarchive brings it back', async ({
  page,
  host,
}) => {
  await openApp(page, host)
  await createSession(page, 'Keep around')
  await createSession(page, 'Put away')
  await openActions(page, 'Put away')
  await page.getByRole('menuitem', { name: 'Archive' }).click()
  await expect(page.getByRole('status')).toContainText('Archived “Put away”')
  await expect(recent(page).getByRole('link')).toHaveText(['Keep around'])

  await page.getByRole('button', { name: 'Archived' }).click()
  const archived = page.getByRole('list', { name: 'Archived sessions' })
  await expect(archived.getByRole('link')).toHaveText(['Put away'])
  await openActions(page, 'Put away')
  await page.getByRole('menuitem', { name: 'Unarchive' }).click()
  await expect(page.getByText('No archived sessions.')).toBeVisible()

  await page.getByRole('button', { name: 'Active' }).click()
  await expect(recent(page).getByRole('link')).toHaveText(['Put away', 'Keep around'])
})

test('delete asks first; Cancel keeps the session, Delete removes it for good', async ({
  page,
  host,
}) => {
  await openApp(page, host)
  await createSession(page, 'Stays')
  await createSession(page, 'Goes')
  await openActions(page, 'Goes')
  await page.getByRole('menuitem', { name: 'Delete' }).click()
  const dialog = page.getByRole('dialog', { name: 'Delete session?' })
  await expect(dialog).toContainText('“Goes”')
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toHaveCount(0)
  await expect(recent(page).getByRole('link')).toHaveText(['Goes', 'Stays'])

  await openActions(page, 'Goes')
  await page.getByRole('menuitem', { name: 'Delete' }).click()
  await dialog.getByRole('button', { name: 'Delete' }).click()
  await expect(recent(page).getByRole('link')).toHaveText(['Stays'])
  await expect(page.getByRole('status')).toContainText('Deleted “Goes”')
  await page.reload()
  await expect(recent(page).getByRole('link')).toHaveText(['Stays'])
})

test('search finds messages across sessions and jumps to an old hit', async ({ page, host }) => {
  await openApp(page, host)
  // 150 messages: the hit (message 100) is outside the newest page, with pages above it.
  const long = Array.from({ length: 150 }, (_, i) => ({
    role: i % 2 === 0 ? ('user' as const) : ('assistant' as const),
    content: i === 100 ? 'The lighthouse keeper waved at dawn.' : `Ordinary note number ${i}.`,
  }))
  const short = [
    { role: 'user' as const, content: 'A lighthouse on the postcard from Ana.' },
    { role: 'assistant' as const, content: 'What does the postcard bring back?' },
  ]
  await importFiles(page, [
    { name: 'long.json', content: sessionExport('session_e2e_long', 'Long diary', long) },
    { name: 'short.json', content: sessionExport('session_e2e_short', 'Postcards', short) },
  ])

  await page.getByRole('searchbox', { name: 'Search sessions' }).fill('lighthouse')
  const hits = page.getByRole('region', { name: 'Matching messages' }).getByRole('button')
  await expect(hits).toHaveCount(2)
  const hit = hits.filter({ hasText: 'Long diary' })
  await expect(hit.locator('mark')).toHaveText(/lighthouse/i)
  await hit.click()

  await expect(page.getByRole('heading', { level: 2, name: 'Long diary' })).toBeVisible()
  const target = messages(page).locator('[data-message-id="session_e2e_long_m00100"]')
  await expect(target).toBeInViewport()
  await expect(target).toHaveAttribute('aria-current', 'true')
  await expect(target).toContainText('The lighthouse keeper waved at dawn.')

  // Reading on from the hit: older messages load, and the hit does not pull the view back.
  await scrollUpTo(page, 'session_e2e_long_m00000')
  await expect(target).not.toBeInViewport()
})

test('a long session opens at its newest message and loads older ones on scrolling up', async ({
  page,
  host,
}) => {
  await openApp(page, host)
  const long = Array.from({ length: 130 }, (_, i) => ({
    role: i % 2 === 0 ? ('user' as const) : ('assistant' as const),
    content: `Entry number ${i} of the long diary.`,
  }))
  await importFiles(page, [
    { name: 'long.json', content: sessionExport('session_e2e_scroll', 'Scrolling', long) },
  ])
  await page.getByRole('link', { name: 'Scrolling', exact: true }).click()
  const log = messages(page)
  await expect(log.locator('[data-message-id="session_e2e_scroll_m00129"]')).toBeInViewport()
  await expect(log.locator('[data-message-id="session_e2e_scroll_m00000"]')).toHaveCount(0)
  // Two older pages of 50 arrive on the way up.
  await scrollUpTo(page, 'session_e2e_scroll_m00000')
  await expect(log.getByRole('button', { name: 'Load older messages' })).toHaveCount(0)
})

test('search by title filters the sessions', async ({ page, host }) => {
  await openApp(page, host)
  await createSession(page, 'Morning pages')
  await createSession(page, 'Budget review')
  await page.getByRole('searchbox', { name: 'Search sessions' }).fill('budget')
  const found = page.getByRole('region', { name: 'Matching sessions' })
  await expect(found.getByRole('link')).toHaveText(['Budget review'])
  await page.getByRole('searchbox', { name: 'Search sessions' }).fill('no such words anywhere')
  await expect(page.getByText('Nothing matches “no such words anywhere”.')).toBeVisible()
})

test('export as JSON and as Markdown downloads the session', async ({ page, host }) => {
  await openApp(page, host)
  await createSession(page, 'Exported')
  await choose(page, { pattern: 'Analytical', uncertainty: 'Medium' })
  await send(page, 'Counting the costs of the old car')

  await openActions(page, 'Exported')
  const [jsonDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'Export as JSON', exact: true }).click(),
  ])
  expect(jsonDownload.suggestedFilename()).toMatch(/\.json$/)
  const json = JSON.parse(await readFile(await jsonDownload.path(), 'utf8')) as {
    format: string
    title: string
    messages: Array<{ role: string; content: string; pattern: string }>
  }
  expect(json.format).toBe('activemirror.session')
  expect(json.title).toBe('Exported')
  expect(json.messages.map((m) => m.role)).toEqual(['user', 'assistant'])
  expect(json.messages[0]?.content).toBe('Counting the costs of the old car')
  expect(json.messages[1]?.pattern).toBe('analytical')
  // The file holds what the screen shows.
  const shown = await replies(page).first().locator('.markdown p').first().innerText()
  expect(json.messages[1]?.content).toContain(shown.trim())

  await openActions(page, 'Exported')
  const [mdDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'Export as Markdown', exact: true }).click(),
  ])
  expect(mdDownload.suggestedFilename()).toMatch(/\.md$/)
  const markdown = await readFile(await mdDownload.path(), 'utf8')
  expect(markdown).toMatch(/^# Exported$/m)
  expect(markdown).toContain('Counting the costs of the old car')
  expect(markdown).toContain('✦ Analytical')
})

test('keyboard: Ctrl+N makes a session (twice: still one empty), Ctrl+K focuses search', async ({
  page,
  host,
}) => {
  await openApp(page, host)
  await page.locator('body').click()
  await page.keyboard.press('Control+n')
  await expect(recent(page).getByRole('listitem')).toHaveCount(1)
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible()
  await page.locator('body').click()
  await page.keyboard.press('Control+n')
  await page.getByRole('button', { name: 'New session' }).click()
  // The untouched empty session is opened again rather than a second one made.
  await expect(recent(page).getByRole('listitem')).toHaveCount(1)
  await send(page, 'Sorting out the garden shed')
  await page.keyboard.press('Control+n')
  await expect(recent(page).getByRole('listitem')).toHaveCount(2)
  await page.keyboard.press('Control+k')
  await expect(page.getByRole('searchbox', { name: 'Search sessions' })).toBeFocused()
})
