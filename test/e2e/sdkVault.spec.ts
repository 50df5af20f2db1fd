import path from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { openApp } from './helpers'

process.env.AMOS_VAULT_KDF_ITERATIONS = '100000'

const PASSWORD = 'a long vault passphrase 42'
const SDK_PASSWORD = 'fixture pässword ✦ 2026'
const SDK = path.resolve(import.meta.dirname, '../fixtures/sdk-vault')

function panel(page: Page) {
  return page.getByRole('region', { name: 'Vault' })
}

test('Import SDK vault: a Python SDK folder comes in; a wrong password says so', async ({
  page,
  host,
}) => {
  await openApp(page, host)
  await page.getByRole('button', { name: 'Vault', exact: true }).click()
  await panel(page).getByLabel('Vault password', { exact: true }).fill(PASSWORD)
  await panel(page).getByLabel('Repeat the password').fill(PASSWORD)
  await panel(page).getByRole('button', { name: 'Set up vault' }).click()
  await expect(panel(page).getByRole('button', { name: 'Lock vault' })).toBeVisible()

  const folder = panel(page).getByLabel('SDK vault folder')
  const password = panel(page).getByLabel('SDK vault password')
  const button = panel(page).getByRole('button', { name: 'Import SDK vault' })

  await folder.setInputFiles(path.join(SDK, 'js'))
  await password.fill('not the sdk password')
  await button.click()
  await expect(panel(page).getByRole('alert')).toContainText(
    'The password does not open this SDK vault',
  )
  await expect(panel(page).getByText('No entries yet.')).toBeVisible()

  await folder.setInputFiles(path.join(SDK, 'python'))
  await password.fill(SDK_PASSWORD)
  await button.click()
  await expect(panel(page).getByRole('status').filter({ hasText: 'SDK vault' })).toContainText(
    'Imported 5 of 5 entries from a Python SDK vault.',
  )
  await expect(panel(page).getByText('Café ☕ — 日本語のメモ ◊ ⟨⟨high⟩⟩ 🚀')).toBeVisible()
  await expect(panel(page).getByRole('alert')).toHaveCount(0)
})
