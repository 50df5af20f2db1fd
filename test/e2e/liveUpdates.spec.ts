import { expect } from '@playwright/test'
import { test } from './fixtures'
import {
  createSession,
  messages,
  openApp,
  renameOpenSession,
  replies,
  runAmos,
  send,
  sessionItem,
  userMessages,
} from './helpers'

/** `amos … --json` as its own process on the host's data folder, as a user in a terminal runs it. */
async function amos(dataDir: string, ...args: string[]): Promise<{ id: string }> {
  const out = await runAmos(dataDir, [...args, '--json'], { AMOS_OFFLINE_DELAY_MS: '0' })
  return JSON.parse(out) as { id: string }
}

/** Shown within about a second of the CLI finishing (one check interval, one refresh). */
const LIVE = { timeout: 2_000 }

test('a session the CLI creates and a message it sends show in the open page without a reload', async ({
  page,
  host,
}) => {
  await openApp(page, host)
  // Gone if the page reloads: what follows must happen in this same document.
  await page.evaluate(() => Object.assign(globalThis, { liveUpdatesMarker: 'same page' }))

  const { id } = await amos(host.dataDir, 'sessions', 'create', 'Started in the terminal')
  await expect(sessionItem(page, 'Started in the terminal')).toBeVisible(LIVE)

  await sessionItem(page, 'Started in the terminal').getByRole('link').click()
  const box = page.getByRole('textbox', { name: 'Message' })
  await box.fill('a draft the page keeps')

  await amos(host.dataDir, 'send', id, 'Hello from the terminal')
  await expect(userMessages(page)).toHaveCount(1, LIVE)
  await expect(userMessages(page).first()).toContainText('Hello from the terminal')
  await expect(replies(page)).toHaveCount(1, LIVE)

  await amos(host.dataDir, 'sessions', 'rename', id, 'Renamed in the terminal')
  await expect(
    page.getByRole('heading', { level: 2, name: 'Renamed in the terminal' }),
  ).toBeVisible(LIVE)
  await expect(sessionItem(page, 'Renamed in the terminal')).toBeVisible(LIVE)

  await expect(box).toHaveValue('a draft the page keeps')
  await expect(messages(page)).toBeVisible()
  expect(
    await page.evaluate(() => (globalThis as { liveUpdatesMarker?: string }).liveUpdatesMarker),
  ).toBe('same page')
})

test('two tabs of the same app see each other’s sessions, messages, titles and archiving', async ({
  page,
  host,
}) => {
  await openApp(page, host)
  const other = await page.context().newPage()
  await openApp(other, host)
  await other.evaluate(() => Object.assign(globalThis, { liveUpdatesMarker: 'same page' }))

  await createSession(page, 'Made in the first tab')
  await expect(sessionItem(other, 'Made in the first tab')).toBeVisible(LIVE)

  await sessionItem(other, 'Made in the first tab').getByRole('link').click()
  await expect(
    other.getByRole('heading', { level: 2, name: 'Made in the first tab' }),
  ).toBeVisible()
  await send(page, 'Hello from the first tab')
  await expect(userMessages(other)).toHaveCount(1, LIVE)
  await expect(userMessages(other).first()).toContainText('Hello from the first tab')
  await expect(replies(other)).toHaveCount(1, LIVE)

  // And back the other way: the second tab renames, the first sees it.
  await renameOpenSession(other, 'Renamed in the second tab')
  await expect(
    page.getByRole('heading', { level: 2, name: 'Renamed in the second tab' }),
  ).toBeVisible(LIVE)

  await sessionItem(page, 'Renamed in the second tab')
    .getByRole('button', { name: 'Session actions' })
    .click()
  await page.getByRole('menuitem', { name: 'Archive' }).click()
  await expect(sessionItem(other, 'Renamed in the second tab')).toHaveCount(0, LIVE)
  expect(
    await other.evaluate(() => (globalThis as { liveUpdatesMarker?: string }).liveUpdatesMarker),
  ).toBe('same page')
  await other.close()
})
