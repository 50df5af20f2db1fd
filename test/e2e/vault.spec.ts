import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { createSession, openApp, send, userMessages } from './helpers'

// The hosts these specs start create vaults at the minimum KDF cost the vault accepts.
process.env.AMOS_VAULT_KDF_ITERATIONS = '100000'

const PASSWORD = 'a long vault passphrase 42'
const LOCKED_TEXT = 'Sensitive message — unlock the vault to read'

function panel(page: Page) {
  return page.getByRole('region', { name: 'Vault' })
}

async function openVault(page: Page): Promise<void> {
  const button = page.getByRole('button', { name: 'Vault', exact: true })
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click()
}

async function setUpVault(page: Page): Promise<void> {
  await openVault(page)
  await panel(page).getByLabel('Vault password', { exact: true }).fill(PASSWORD)
  await panel(page).getByLabel('Repeat the password').fill(PASSWORD)
  await panel(page).getByRole('button', { name: 'Set up vault' }).click()
  await expect(panel(page).getByRole('button', { name: 'Lock vault' })).toBeVisible()
}

async function unlockWith(page: Page, password: string, remember = false): Promise<void> {
  await panel(page).getByLabel('Vault password', { exact: true }).fill(password)
  if (remember) await panel(page).getByRole('checkbox', { name: 'Remember on this device' }).check()
  await panel(page).getByRole('button', { name: 'Unlock', exact: true }).click()
}

test('setup, lock, wrong password, unlock, remember on this device across a reload', async ({
  page,
  host,
}) => {
  await openApp(page, host)
  await setUpVault(page)

  await panel(page).getByRole('button', { name: 'Lock vault' }).click()
  await expect(page.getByRole('heading', { name: 'Vault locked' })).toBeVisible()

  await unlockWith(page, 'not the password at all')
  await expect(panel(page).getByRole('alert')).toContainText('Wrong password')
  await expect(page.getByRole('heading', { name: 'Vault locked' })).toBeVisible()

  await unlockWith(page, PASSWORD, true)
  await expect(panel(page).getByRole('button', { name: 'Lock vault' })).toBeVisible()
  await expect(panel(page).getByRole('alert')).toHaveCount(0)

  // An entry, to see the vault really opens after the reload.
  await panel(page).getByRole('button', { name: 'New entry' }).click()
  await panel(page).getByLabel('Key').fill('north star')
  await panel(page).getByLabel('Value', { exact: true }).fill('Run a marathon in October')
  await panel(page).getByRole('button', { name: 'Save entry' }).click()
  await expect(panel(page).getByText('Run a marathon in October')).toBeVisible()

  await panel(page).getByRole('button', { name: 'Lock vault' }).click()
  await expect(page.getByRole('heading', { name: 'Vault locked' })).toBeVisible()
  await page.reload()
  await openVault(page)
  await panel(page).getByRole('button', { name: 'Unlock with this device' }).click()
  await expect(panel(page).getByRole('button', { name: 'Lock vault' })).toBeVisible()
  await expect(panel(page).getByText('Run a marathon in October')).toBeVisible()

  // Leave the test keychain as it was.
  await panel(page).getByRole('button', { name: 'Forget this device' }).click()
  await expect(panel(page).getByRole('button', { name: 'Remember this device' })).toBeVisible()
})

test('a sensitive message: hidden while locked, shown again after unlocking', async ({
  page,
  host,
}) => {
  const secret = 'my private note about the CERULEAN lighthouse'
  await openApp(page, host)
  await setUpVault(page)
  await panel(page).getByRole('button', { name: 'Close vault' }).click()

  await createSession(page, 'Private thoughts')
  await page.getByRole('checkbox', { name: 'Sensitive' }).check()
  await send(page, secret)
  const mine = userMessages(page).first()
  await expect(mine).toContainText(secret)

  await openVault(page)
  await panel(page).getByRole('button', { name: 'Lock vault' }).click()
  await expect(mine).toContainText(LOCKED_TEXT)
  await expect(page.getByText(secret)).toHaveCount(0)

  // Sending a sensitive message while locked asks to unlock instead of sending.
  await panel(page).getByRole('button', { name: 'Close vault' }).click()
  const box = page.getByRole('textbox', { name: 'Message' })
  await box.fill('another secret')
  await page.getByRole('button', { name: 'Send' }).click()
  await expect(page.getByRole('heading', { name: 'Vault locked' })).toBeVisible()
  await expect(userMessages(page)).toHaveCount(1)
  await expect(box).toHaveValue('another secret')

  // A reload shows the placeholder from main, not from the page's memory.
  await page.reload()
  await expect(userMessages(page).first()).toContainText(LOCKED_TEXT)

  await openVault(page)
  await unlockWith(page, PASSWORD)
  await expect(userMessages(page).first()).toContainText(secret)
})
