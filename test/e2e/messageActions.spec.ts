import { expect, test } from './fixtures'
import {
  createSession,
  messageAction,
  messageToolbar,
  messages,
  openApp,
  readClipboard,
  replies,
  send,
  userMessages,
} from './helpers'

// Replies stream fast here; the stopping test slows them down.
test.use({ offlineDelayMs: 4 })

const toolbar = messageToolbar
const action = messageAction

test('copy, regenerate (also with another pattern) and walk the versions, by name', async ({
  page,
  host,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin })
  await openApp(page, host)
  await createSession(page, 'Actions')
  const reply = await send(page, 'My **garden** needs a plan for spring')
  const prompt = userMessages(page).first()

  // Hidden until the message is hovered (or focused); then every action is there.
  await expect(toolbar(prompt)).toHaveCSS('opacity', '0')
  await prompt.hover()
  await expect(toolbar(prompt)).toHaveCSS('opacity', '1')
  await action(prompt, 'Copy').click()
  expect(await readClipboard(page)).toBe('My **garden** needs a plan for spring')
  await reply.hover()
  await action(reply, 'Copy as text').click()
  const shown = await reply.locator('.markdown').innerText()
  expect(await readClipboard(page)).toBe(shown.trim())
  expect(shown).not.toContain('**')

  await action(reply, 'Regenerate with…').click()
  const dialog = page.getByRole('dialog', { name: 'Regenerate with' })
  await dialog.getByRole('combobox', { name: 'Pattern' }).selectOption({ label: 'Creative' })
  await dialog.getByRole('button', { name: 'Regenerate' }).click()
  const second = replies(page).first()
  await expect(second.getByText('2 / 2')).toBeVisible()
  await expect(second.getByRole('img', { name: 'pattern: Creative' })).toBeVisible()
  await expect(replies(page)).toHaveCount(1)

  await second.getByRole('button', { name: 'Previous version' }).click()
  const first = replies(page).first()
  await expect(first.getByText('1 / 2')).toBeVisible()
  await expect(first.getByRole('img', { name: 'pattern: Exploratory' })).toBeVisible()
  await expect(first.getByRole('button', { name: 'Previous version' })).toBeDisabled()
  await first.getByRole('button', { name: 'Next version' }).click()
  await expect(replies(page).first().getByText('2 / 2')).toBeVisible()

  await replies(page).first().hover()
  await action(replies(page).first(), 'Regenerate').click()
  await expect(replies(page).first().getByText('3 / 3')).toBeVisible()
  await expect(messages(page).locator('[aria-busy="true"]')).toHaveCount(0)

  // All of it survives a reload: the path and its versions are main's, not the page's.
  await page.reload()
  await page.getByRole('link', { name: 'Actions', exact: true }).click()
  await expect(replies(page).first().getByText('3 / 3')).toBeVisible()
})

test('edit and resend, delete with undo, and branch, by name', async ({ page, host }) => {
  await openApp(page, host)
  await createSession(page, 'Roses')
  await send(page, 'Which roses climb?')
  await send(page, 'And which ones flower twice?')
  const prompt = userMessages(page).first()

  await prompt.hover()
  await action(prompt, 'Edit').click()
  const box = messages(page).getByRole('textbox', { name: 'Edit message' })
  await expect(box).toBeFocused()
  await box.fill('Discarded words')
  await messages(page).getByRole('button', { name: 'Cancel' }).click()
  await expect(userMessages(page)).toHaveCount(2)
  await expect(prompt).toContainText('Which roses climb?')

  await prompt.hover()
  await action(prompt, 'Edit').click()
  await box.fill('Which roses climb a north wall?')
  await messages(page).getByRole('button', { name: 'Save and send' }).click()
  // The path now runs through the new version: the later exchange is on the old branch.
  await expect(userMessages(page)).toHaveCount(1)
  await expect(userMessages(page).first()).toContainText('Which roses climb a north wall?')
  await expect(userMessages(page).first().getByText('2 / 2')).toBeVisible()
  await expect(replies(page)).toHaveCount(1)
  await expect(messages(page).locator('[aria-busy="true"]')).toHaveCount(0)

  const reply = replies(page).first()
  await reply.hover()
  await action(reply, 'Delete').click()
  const confirm = page.getByRole('dialog', { name: 'Delete message?' })
  await confirm.getByRole('button', { name: 'Delete' }).click()
  await expect(replies(page)).toHaveCount(0)
  await expect(page.getByText('Deleted 1 message.')).toBeVisible()
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(replies(page)).toHaveCount(1)

  const edited = userMessages(page).first()
  await edited.hover()
  await action(edited, 'Branch').click()
  await expect(page.getByRole('heading', { level: 2, name: 'Roses (branch)' })).toBeVisible()
  await expect(userMessages(page)).toHaveText([/Which roses climb a north wall\?/])
  await expect(replies(page)).toHaveCount(0)
  await expect(page.getByRole('link', { name: 'Roses', exact: true })).toBeVisible()
})

test.describe('stopping', () => {
  // Slow enough that a reply is still arriving when Stop is pressed.
  test.use({ offlineDelayMs: 60 })

  test('a stopped reply stays in the thread; Retry replaces it with a new version', async ({
    page,
    host,
  }) => {
    await openApp(page, host)
    await createSession(page, 'Retrying')
    const box = page.getByRole('textbox', { name: 'Message' })
    await box.fill('Tell me about the long road ahead of me this year')
    await box.press('Enter')
    await expect(messages(page).locator('[aria-busy="true"] .markdown')).toBeVisible()
    await page.getByRole('button', { name: 'Stop' }).click()
    const stopped = replies(page).first()
    await expect(stopped).toContainText('Stopped.')

    await stopped.getByRole('button', { name: 'Retry' }).click()
    const retried = replies(page).first()
    await expect(retried.getByText('2 / 2')).toBeVisible({ timeout: 30_000 })
    await expect(retried).not.toContainText('Stopped.')
    await expect(retried).toContainText('offline reflection')
    await retried.getByRole('button', { name: 'Previous version' }).click()
    await expect(replies(page).first()).toContainText('Stopped.')
  })
})

test('a search hit on a version off the current path opens that branch', async ({ page, host }) => {
  await openApp(page, host)
  await createSession(page, 'Orchard')
  await send(page, 'Plant pears by the gate')
  const prompt = userMessages(page).first()
  await prompt.hover()
  await action(prompt, 'Edit').click()
  await messages(page).getByRole('textbox', { name: 'Edit message' }).fill('Plant quinces instead')
  await messages(page).getByRole('button', { name: 'Save and send' }).click()
  await expect(userMessages(page).first().getByText('2 / 2')).toBeVisible()
  await expect(messages(page).locator('[aria-busy="true"]')).toHaveCount(0)
  await userMessages(page).first().getByRole('button', { name: 'Previous version' }).click()
  await expect(userMessages(page).first()).toContainText('Plant pears by the gate')

  await page.getByRole('searchbox', { name: 'Search sessions' }).fill('quinces')
  await page
    .getByRole('button', { name: /Orchard/ })
    .first()
    .click()
  const shown = userMessages(page).first()
  await expect(shown).toContainText('Plant quinces instead')
  await expect(shown.getByText('2 / 2')).toBeVisible()
  await expect(messages(page)).not.toContainText('Plant pears by the gate')
})
