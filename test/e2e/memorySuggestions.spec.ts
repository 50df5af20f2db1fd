import { randomUUID } from 'node:crypto'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { createSession, messages, openApp, send } from './helpers'
import { themedScreenshots } from './screenshots'

// The host child inherits these: a private keychain service, the minimum KDF cost.
process.env.AMOS_KEYCHAIN_SERVICE = `ActiveMirror-e2e-memory-${randomUUID()}`
process.env.AMOS_VAULT_KDF_ITERATIONS = '100000'
const PASSWORD = 'a long vault passphrase 42'

async function setUpVault(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Vault', exact: true }).click()
  const vault = page.getByRole('region', { name: 'Vault' })
  await vault.getByLabel('Vault password', { exact: true }).fill(PASSWORD)
  await vault.getByLabel('Repeat the password').fill(PASSWORD)
  await vault.getByRole('button', { name: 'Set up vault' }).click()
  await expect(vault.getByRole('button', { name: 'Lock vault' })).toBeVisible()
  await vault.getByRole('button', { name: 'Close vault' }).click()
}

async function whatShouldIRemember(page: Page): Promise<Locator> {
  await page
    .locator('.session-item-selected')
    .getByRole('button', { name: 'Session actions' })
    .click()
  await page.getByRole('menuitem', { name: 'What should I remember?' }).click()
  return page.getByRole('dialog', { name: 'Memory suggestions' })
}

test('"What should I remember?": review, edit and accept, reject, then the memory panel and the badge', async ({
  page,
  host,
}) => {
  await openApp(page, host)
  await setUpVault(page)
  await createSession(page, 'About Ada')
  await send(page, 'My name is Ada and I prefer short answers')

  const review = await whatShouldIRemember(page)
  const list = review.getByRole('list', { name: 'Suggestions' })
  await expect(list.getByRole('listitem')).toHaveCount(2)
  const name = list.getByRole('listitem', { name: 'Name is Ada' })
  const preference = list.getByRole('listitem', { name: 'Prefers short answers' })
  await expect(name).toContainText('Why: a name you gave')
  await expect(name.getByRole('link', { name: 'About Ada' })).toBeVisible()
  const badge = page.getByRole('button', { name: 'Memory suggestions' })
  await expect(badge).toHaveAccessibleDescription('2 waiting for review')
  await expect(badge).toContainText('2')
  await themedScreenshots(page, 'memory-suggestions')

  await name.getByRole('button', { name: 'Edit' }).click()
  await name.getByRole('textbox', { name: 'Memory text' }).fill('Name is Ada Lovelace')
  await name.getByRole('button', { name: 'Accept' }).click()
  await expect(list.getByRole('listitem')).toHaveCount(1)
  await expect(badge).toHaveAccessibleDescription('1 waiting for review')
  await preference.getByRole('button', { name: 'Reject' }).click()
  await expect(review.getByText('No suggestions waiting for review.')).toBeVisible()
  await expect(badge).toHaveCount(0)
  await review.getByRole('button', { name: 'Close' }).click()

  // A later name is an update of that memory: both texts side by side.
  await send(page, 'My name is Ada Byron.')
  const again = await whatShouldIRemember(page)
  const update = again.getByRole('group', { name: 'Update to a memory' })
  await expect(update).toContainText('Name is Ada Lovelace')
  await expect(update).toContainText('Name is Ada Byron')
  await expect(badge).toHaveAccessibleDescription('1 waiting for review')
  await themedScreenshots(page, 'memory-suggestions-update')
  await again.getByRole('button', { name: 'Reject' }).click()
  await expect(badge).toHaveCount(0)
  await again.getByRole('button', { name: 'Close' }).click()

  // The chat header's "Memory" stays the only button of that name while no suggestion waits.
  await page.getByRole('button', { name: 'Memory' }).click()
  const panel = page.getByRole('region', { name: 'Memory' })
  const memory = panel
    .getByRole('list', { name: 'Memories' })
    .getByRole('listitem', { name: 'Name is Ada Lovelace' })
  await expect(memory).toContainText('Global')
  await themedScreenshots(page, 'memory-panel')
  // The panel's way to the review list is always there, even with nothing waiting.
  await panel.getByRole('button', { name: 'Memory suggestions' }).click()
  const empty = page.getByRole('dialog', { name: 'Memory suggestions' })
  await expect(empty.getByText('No suggestions waiting for review.')).toBeVisible()
  await empty.getByRole('button', { name: 'Close' }).click()
  await memory.getByRole('link', { name: 'About Ada' }).click()
  await expect(panel).toHaveCount(0)
  await expect(
    messages(page).getByRole('article', { name: 'user message' }).first(),
  ).toHaveAttribute('aria-current', 'true')

  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  const section = settings.getByRole('region', { name: 'Memories' })
  const localOnly = section.getByRole('checkbox', { name: 'Send memories only to local models' })
  await expect(localOnly).toBeChecked()
  await themedScreenshots(page, 'settings-memories', () => section.scrollIntoViewIfNeeded())
  await localOnly.uncheck()
  await expect(localOnly).not.toBeChecked()
  await page.reload()
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  await expect(localOnly).not.toBeChecked()
  await localOnly.check()
  await expect(localOnly).toBeChecked()
})
