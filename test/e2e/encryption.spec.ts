import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Page, TestInfo } from '@playwright/test'
import { expect, startHost, test } from './fixtures'
import { createSession, openApp, send } from './helpers'

// The hosts these specs start create vaults at the minimum KDF cost the vault accepts.
process.env.AMOS_VAULT_KDF_ITERATIONS = '100000'

const PASSWORD = 'a long vault passphrase 42'
const TITLE = 'Secret garden plans'
const TEXT = 'a private thought about MARIGOLD beds'
const SCREENSHOT_DIR = join('test-results', 'screenshots')
const SIZES = [
  { width: 1280, height: 800 },
  { width: 800, height: 600 },
]

type Scheme = 'light' | 'dark'

/** Every file under the data dir (WAL and SHM included) that holds `needle` as plain bytes. */
function filesHolding(dir: string, needle: string): string[] {
  const found: string[] = []
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      const full = join(folder, name)
      if (statSync(full).isDirectory()) walk(full)
      else if (readFileSync(full).includes(needle)) found.push(full)
    }
  }
  walk(dir)
  return found
}

async function shootSizes(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size)
    const file = join(SCREENSHOT_DIR, `${name}-${size.width}x${size.height}.png`)
    const body = await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' })
    await testInfo.attach(`${name}-${size.width}x${size.height}`, {
      body,
      contentType: 'image/png',
    })
  }
  await page.setViewportSize(SIZES[0]!)
}

async function setUpVault(page: Page): Promise<void> {
  const vault = page.getByRole('region', { name: 'Vault' })
  await page.getByRole('button', { name: 'Vault', exact: true }).click()
  await vault.getByLabel('Vault password', { exact: true }).fill(PASSWORD)
  await vault.getByLabel('Repeat the password').fill(PASSWORD)
  await vault.getByRole('button', { name: 'Set up vault' }).click()
  await expect(vault.getByRole('button', { name: 'Lock vault' })).toBeVisible()
}

/** Nothing of the history on the page: no title, no message text. */
async function expectNothingShown(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Vault locked' })).toBeVisible()
  await expect(page.getByText(TITLE)).toHaveCount(0)
  await expect(page.getByText('MARIGOLD')).toHaveCount(0)
  await expect(page.getByRole('navigation', { name: 'Sessions' })).toHaveCount(0)
}

test.beforeAll(() => mkdirSync(SCREENSHOT_DIR, { recursive: true }))
test.use({ offlineDelayMs: 0 })

for (const scheme of ['light', 'dark'] satisfies Scheme[]) {
  test(`${scheme}: "Encrypt all history", then the app shows only the locker until unlocked`, async ({
    page,
    host,
  }, testInfo) => {
    test.setTimeout(120_000)
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' })
    await openApp(page, host)
    await createSession(page, TITLE)
    await send(page, TEXT)
    await setUpVault(page)
    await page.getByRole('button', { name: 'Close vault' }).click()

    await page.getByRole('button', { name: 'Settings', exact: true }).click()
    const settings = page.getByRole('dialog', { name: 'Settings' })
    const toggle = settings.getByRole('switch', { name: 'Encrypt all history' })
    await expect(toggle).not.toBeChecked()
    await toggle.click()
    await expect(toggle).toBeChecked()
    await expect(settings.getByRole('alert')).toHaveCount(0)
    await settings.getByRole('heading', { name: 'Privacy' }).scrollIntoViewIfNeeded()
    await shootSizes(page, testInfo, `${scheme}-encryption-settings`)
    expect(filesHolding(host.dataDir, 'MARIGOLD')).toEqual([])
    expect(filesHolding(host.dataDir, TITLE)).toEqual([])
    await settings.getByRole('button', { name: 'Close settings' }).click()

    // The history still works while unlocked.
    await send(page, 'a second MARIGOLD note')
    await expect(page.getByRole('navigation', { name: 'Sessions' }).getByText(TITLE)).toBeVisible()

    await page.getByRole('button', { name: 'Vault', exact: true }).click()
    await page
      .getByRole('region', { name: 'Vault' })
      .getByRole('button', { name: 'Lock vault' })
      .click()
    await expectNothingShown(page)
    await shootSizes(page, testInfo, `${scheme}-history-locker`)

    // A new start of the host: the page opens on the locker and asks for nothing else.
    await host.stop()
    const again = await startHost(host.dataDir, 0)
    try {
      await page.goto(again.url)
      await expectNothingShown(page)
      await page.getByLabel('Vault password', { exact: true }).fill('not the password')
      await page.getByRole('button', { name: 'Unlock', exact: true }).click()
      await expect(page.getByRole('alert')).toContainText('Wrong password')
      await expectNothingShown(page)
      await page.getByLabel('Vault password', { exact: true }).fill(PASSWORD)
      await page.getByRole('button', { name: 'Unlock', exact: true }).click()
      await expect(
        page.getByRole('navigation', { name: 'Sessions' }).getByText(TITLE),
      ).toBeVisible()
      expect(filesHolding(host.dataDir, 'MARIGOLD')).toEqual([])
      expect(again.contractViolations()).toEqual([])
    } finally {
      await again.stop()
    }
  })
}
