import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { createSession, openApp, send } from './helpers'

// The hosts these specs start create vaults at the minimum KDF cost the vault accepts.
process.env.AMOS_VAULT_KDF_ITERATIONS = '100000'

const PASSWORD = 'a long vault passphrase 42'
/** Kept after the run (outside Playwright's output folder, which is wiped on each run). */
const SCREENSHOT_DIR = join('test-results', 'screenshots')

async function setUpVault(page: Page): Promise<void> {
  const vault = page.getByRole('region', { name: 'Vault' })
  await page.getByRole('button', { name: 'Vault', exact: true }).click()
  await vault.getByLabel('Vault password', { exact: true }).fill(PASSWORD)
  await vault.getByLabel('Repeat the password').fill(PASSWORD)
  await vault.getByRole('button', { name: 'Set up vault' }).click()
  await expect(vault.getByRole('button', { name: 'Lock vault' })).toBeVisible()
  await page.getByRole('button', { name: 'Vault', exact: true }).click()
}

async function openSettings(page: Page) {
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await expect(settings.getByRole('heading', { name: 'Privacy' })).toBeVisible()
  return settings
}

test('Back up now writes an encrypted file; the restore preview counts it before writing', async ({
  page,
  host,
}) => {
  const folder = mkdtempSync(join(tmpdir(), 'amos-e2e-backups-'))
  try {
    await openApp(page, host)
    await setUpVault(page)
    await createSession(page, 'Harbour walk')
    await send(page, 'The ferry left at seven')

    const settings = await openSettings(page)
    const backUp = settings.getByRole('button', { name: 'Back up now' })
    await expect(backUp).toBeDisabled()
    await settings.getByLabel('Backup folder').fill(folder)
    await settings.getByRole('button', { name: 'Use this folder' }).click()
    await settings.getByLabel('Automatic backups').selectOption('weekly')
    await expect(backUp).toBeEnabled()
    await backUp.click()
    await expect(page.getByRole('status').filter({ hasText: 'Backed up to' })).toBeVisible()
    const files = readdirSync(folder).filter((n) => n.endsWith('.ambackup'))
    expect(files).toHaveLength(1)
    await expect(settings.getByText('Last backup:')).toBeVisible()

    // A wrong password is an error in place, nothing else.
    await settings.getByLabel('Backup file').fill(join(folder, files[0]!))
    await settings.getByLabel('Backup password').fill('not the password')
    await settings.getByRole('button', { name: 'Preview restore' }).click()
    await expect(settings.getByRole('alert')).toContainText('VAULT_BAD_PASSWORD')

    await settings.getByLabel('Backup password').fill(PASSWORD)
    await settings.getByRole('button', { name: 'Preview restore' }).click()
    const preview = settings.getByRole('region', { name: 'Restore preview' })
    const sessions = preview.getByRole('row', { name: /^Sessions/ })
    await expect(sessions.getByRole('cell')).toHaveText(['1', '0', '1'])
    const messages = preview.getByRole('row', { name: /^Messages/ })
    await expect(messages.getByRole('cell')).toHaveText(['2', '0', '2'])

    for (const [width, height] of [
      [1280, 800],
      [800, 600],
    ] as const) {
      await page.setViewportSize({ width, height })
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' })
        await preview.scrollIntoViewIfNeeded()
        mkdirSync(SCREENSHOT_DIR, { recursive: true })
        await page.screenshot({
          path: join(SCREENSHOT_DIR, `${scheme}-backup-preview-${width}x${height}.png`),
          animations: 'disabled',
          caret: 'hide',
        })
      }
    }

    await preview.getByRole('button', { name: 'Restore' }).click()
    await expect(settings.getByRole('status')).toContainText(
      'Restored: 0 sessions and 0 messages added',
    )
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
})
