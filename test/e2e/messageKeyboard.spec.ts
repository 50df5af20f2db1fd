import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import {
  createSession,
  messageToolbar,
  messages,
  openApp,
  readClipboard,
  replies,
  send,
  userMessages,
} from './helpers'

test.use({ offlineDelayMs: 4 })

const toolbar = messageToolbar

/** Presses Tab (only Tab) until `target` has the focus. */
async function tabTo(page: Page, target: Locator, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === el.ownerDocument.activeElement)) return
    await page.keyboard.press('Tab')
  }
  await expect(target).toBeFocused()
}

const focusedName = async (page: Page) =>
  (await page.locator(':focus').getAttribute('aria-label')) ?? ''

test('every message action by keyboard only: toolbar, switcher, context menu, dialogs', async ({
  page,
  host,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin })
  await openApp(page, host)
  await createSession(page, 'Keys')
  await send(page, 'A first thought about the garden')
  const prompt = userMessages(page).first()

  // Tab reaches one stop per toolbar; focus shows the toolbar (focus-within), no hover needed.
  await page.getByRole('log', { name: 'Messages' }).focus()
  await tabTo(page, toolbar(prompt).getByRole('button', { name: 'Copy', exact: true }))
  await expect(toolbar(prompt)).toHaveCSS('opacity', '1')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible()
  expect(await readClipboard(page)).toBe('A first thought about the garden')
  await page.keyboard.press('ArrowRight')
  expect(await focusedName(page)).toBe('Copy as text')
  await page.keyboard.press('ArrowRight')
  expect(await focusedName(page)).toBe('Edit')

  // Edit in place, then "Save and send" reached with Tab.
  await page.keyboard.press('Enter')
  const box = messages(page).getByRole('textbox', { name: 'Edit message' })
  await expect(box).toBeFocused()
  await page.keyboard.press('Control+A')
  await page.keyboard.type('A second thought about the garden')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await expect(page.locator(':focus')).toHaveText('Save and send')
  await page.keyboard.press('Enter')
  await expect(userMessages(page).first().getByText('2 / 2')).toBeVisible()
  await expect(messages(page).locator('[aria-busy="true"]')).toHaveCount(0)

  // The version switcher: Enter on Previous, the focus stays on the switcher of what is shown.
  const previous = userMessages(page).first().getByRole('button', { name: 'Previous version' })
  await page.getByRole('log', { name: 'Messages' }).focus()
  await tabTo(page, previous)
  await page.keyboard.press('Enter')
  await expect(userMessages(page).first().getByText('1 / 2')).toBeVisible()
  await expect(userMessages(page).first()).toContainText('A first thought')
  await expect(
    userMessages(page).first().getByRole('button', { name: 'Next version' }),
  ).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(userMessages(page).first().getByText('2 / 2')).toBeVisible()

  // Shift+F10 opens the reply's context menu; Regenerate from there.
  const reply = replies(page).first()
  await tabTo(page, toolbar(reply).getByRole('button', { name: 'Copy', exact: true }))
  await page.keyboard.press('Shift+F10')
  const menu = page.getByRole('menu', { name: 'Message actions' })
  await expect(menu.getByRole('menuitem', { name: 'Copy', exact: true })).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowDown')
  await expect(menu.getByRole('menuitem', { name: 'Regenerate', exact: true })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(replies(page).first().getByText('2 / 2')).toBeVisible()
  await expect(messages(page).locator('[aria-busy="true"]')).toHaveCount(0)

  // The Menu key opens it too; Delete asks first (Cancel has the focus), Tab to Delete.
  await page.getByRole('log', { name: 'Messages' }).focus()
  await tabTo(
    page,
    toolbar(replies(page).first()).getByRole('button', { name: 'Copy', exact: true }),
  )
  await page.keyboard.press('ContextMenu')
  await expect(menu).toBeVisible()
  await page.keyboard.press('End')
  await page.keyboard.press('ArrowUp')
  await expect(menu.getByRole('menuitem', { name: 'Delete' })).toBeFocused()
  await page.keyboard.press('Enter')
  const confirm = page.getByRole('dialog', { name: 'Delete message?' })
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')
  // The path goes on through the remaining version: one reply, no switcher any more.
  await expect(page.getByText('Deleted 1 message.')).toBeVisible()
  await expect(replies(page).first().locator('.version-count')).toHaveCount(0)
  const undo = page.getByRole('button', { name: 'Undo' })
  await page.getByRole('log', { name: 'Messages' }).focus()
  await tabTo(page, undo)
  await page.keyboard.press('Enter')
  await expect(replies(page).first().getByText('2 / 2')).toBeVisible()

  // Esc closes a menu and gives the focus back; Branch from the menu opens the new session.
  await page.getByRole('log', { name: 'Messages' }).focus()
  const copy = toolbar(userMessages(page).first()).getByRole('button', {
    name: 'Copy',
    exact: true,
  })
  await tabTo(page, copy)
  await page.keyboard.press('Shift+F10')
  await expect(menu).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(menu).toHaveCount(0)
  await expect(copy).toBeFocused()
  await page.keyboard.press('Shift+F10')
  await page.keyboard.press('End')
  await expect(menu.getByRole('menuitem', { name: 'Branch' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 2, name: 'Keys (branch)' })).toBeVisible()
  await expect(userMessages(page)).toHaveText([/A second thought about the garden/])
})

test('Regenerate with… by keyboard: the dialog takes the focus and gives it back', async ({
  page,
  host,
}) => {
  await openApp(page, host)
  await createSession(page, 'Keys with')
  await send(page, 'Planning the orchard')
  const reply = replies(page).first()
  await page.getByRole('log', { name: 'Messages' }).focus()
  await tabTo(page, toolbar(reply).getByRole('button', { name: 'Copy', exact: true }))
  await page.keyboard.press('End')
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('ArrowLeft')
  expect(await focusedName(page)).toBe('Regenerate with…')
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: 'Regenerate with' })
  await expect(dialog.getByRole('combobox', { name: 'Pattern' })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
  expect(await focusedName(page)).toBe('Regenerate with…')
  await page.keyboard.press('Enter')
  await expect(dialog.getByRole('combobox', { name: 'Pattern' })).toBeFocused()
  // Pattern is a select: the arrow keys pick Analytical; Enter in the Model field regenerates.
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await expect(dialog.getByRole('textbox', { name: 'Model' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(dialog).toHaveCount(0)
  await expect(replies(page).first().getByText('2 / 2')).toBeVisible()
  await expect(
    replies(page).first().getByRole('img', { name: 'pattern: Analytical' }),
  ).toBeVisible()
})
