import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { createSession, openApp, replies, send, userMessages, waitForReply } from './helpers'

async function openSettings(page: Page) {
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  return page.getByRole('dialog', { name: 'Settings' })
}

test('Settings shows the identity and a verified chain after some activity', async ({
  page,
  host,
}) => {
  await openApp(page, host)
  await createSession(page, 'Morning pages')
  await send(page, 'The lighthouse keeper waved at me')

  const settings = await openSettings(page)
  await expect(settings.getByRole('heading', { name: 'Identity' })).toBeVisible()
  const name = settings.getByRole('textbox', { name: 'Display name' })
  // An OS account name (root here) is not offered as the display name: the field is editable,
  // with a "Your name" placeholder.
  await expect(name).toBeEditable()
  await expect(name).toHaveAttribute('placeholder', 'Your name')
  await name.fill('Ada Lovelace')
  await settings.getByRole('button', { name: 'Save name' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Display name saved.' })).toBeVisible()
  await expect(settings.getByText('Device', { exact: true })).toBeVisible()

  await settings.getByRole('button', { name: 'Verify' }).click()
  // Created, renamed, the message and the reply.
  await expect(settings.getByRole('status')).toHaveText('Chain intact (4 entries)')

  await settings.getByRole('button', { name: 'Timeline' }).click()
  const timeline = settings.getByRole('list', { name: 'Timeline' })
  await expect(timeline.getByRole('listitem')).toHaveCount(4)
  await expect(timeline.getByRole('listitem').first()).toContainText('Message added')
  await expect(timeline.getByRole('listitem').last()).toContainText('Session created')

  await settings.getByRole('button', { name: 'Clear history' }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Clear' }).click()
  await expect(timeline.getByRole('listitem')).toHaveCount(1)
  await expect(timeline.getByRole('listitem')).toContainText('History cleared')
  await settings.getByRole('button', { name: 'Verify' }).click()
  await expect(settings.getByRole('status')).toHaveText('Chain intact (1 entry)')
})

test('the memory panel shows the switches and they stick', async ({ page, host }) => {
  await openApp(page, host)
  await createSession(page, 'Switches')
  await page.getByRole('button', { name: 'Memory' }).click()
  const panel = page.getByRole('region', { name: 'Memory' })
  const recall = panel.getByRole('checkbox', { name: 'Recall from past sessions' })
  const noMemory = panel.getByRole('checkbox', { name: "Don't use memory here" })
  const exclude = panel.getByRole('checkbox', { name: 'Exclude this session from recall' })
  await expect(recall).toBeChecked()
  await expect(noMemory).not.toBeChecked()
  await expect(exclude).not.toBeChecked()

  await exclude.check()
  await noMemory.check()
  await expect(recall).toBeDisabled()
  await page.reload()
  await expect(page.getByRole('heading', { level: 2, name: 'Switches' })).toBeVisible()
  await page.getByRole('button', { name: 'Memory' }).click()
  await expect(
    panel.getByRole('checkbox', { name: 'Exclude this session from recall' }),
  ).toBeChecked()
  await expect(panel.getByRole('checkbox', { name: "Don't use memory here" })).toBeChecked()
})

test('a reply in a second session shows a "Recalled from" chip that opens the first', async ({
  page,
  host,
}) => {
  await openApp(page, host)
  await createSession(page, 'Dog adoption')
  await send(page, 'We adopted a greyhound called Biscuit from the shelter')
  await createSession(page, 'Pet food')
  // As a person does: a pause after typing. The context meter's estimate then starts recall on
  // the draft, and the reply uses it at once; a message sent the instant it is typed may go
  // without recall when the search misses the time budget (docs/continuity.md), as on a loaded
  // machine it can.
  const box = page.getByRole('textbox', { name: 'Message' })
  await box.fill('What food suits a greyhound like Biscuit?')
  await page.waitForTimeout(1_000)
  await box.press('Enter')
  await waitForReply(page, 1)
  const reply = replies(page).first()

  const chips = reply.getByRole('list', { name: 'Recalled from' })
  const chip = chips.getByRole('button', { name: 'Dog adoption', exact: true })
  await expect(chip).toBeVisible()

  await page.getByRole('button', { name: 'Memory' }).click()
  const panel = page.getByRole('region', { name: 'Memory' })
  await expect(
    panel
      .getByRole('list', { name: 'Recalled messages' })
      .getByRole('button', { name: 'Dog adoption' })
      .first(),
  ).toBeVisible()
  await panel.getByRole('button', { name: 'Close memory' }).click()

  await chip.click()
  await expect(page.getByRole('heading', { level: 2, name: 'Dog adoption' })).toBeVisible()
  const source = userMessages(page).filter({ hasText: 'greyhound called Biscuit' })
  await expect(source).toBeVisible()
  await expect(source).toHaveAttribute('aria-current', 'true')
})

test('a temporary chat is labelled, answers, and leaves nothing behind', async ({ page, host }) => {
  await openApp(page, host)
  await createSession(page, 'Kept')
  await page.getByRole('button', { name: 'Temporary chat' }).click()
  await expect(page.getByRole('note').filter({ hasText: 'Temporary — not saved' })).toBeVisible()
  await send(page, 'A passing thought about zeppelins')
  await expect(replies(page)).toHaveCount(1)
  const list = page.getByRole('list', { name: 'Recent sessions' })
  await expect(list.getByRole('listitem')).toHaveCount(1)

  await list.getByRole('link', { name: 'Kept', exact: true }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Kept' })).toBeVisible()
  await page.getByRole('searchbox', { name: 'Search sessions' }).fill('zeppelins')
  await expect(page.getByText('Nothing matches “zeppelins”.')).toBeVisible()
})
