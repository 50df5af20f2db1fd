import Database from 'better-sqlite3-multiple-ciphers'
import { join } from 'node:path'
import type { Page, TestInfo } from '@playwright/test'
import { expect, test } from './fixtures'
import { createSession, openApp, send, userMessages } from './helpers'

process.env.AMOS_VAULT_KDF_ITERATIONS = '100000'
const PASSWORD = 'a long vault passphrase 42'
const SDK_PASSWORD = 'fixture pässword ✦ 2026'
const SDK = join(import.meta.dirname, '../fixtures/sdk-vault')

const panel = (page: Page) => page.getByRole('region', { name: 'Vault' })

async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' })
    for (const [width, height] of [
      [1280, 800],
      [800, 600],
    ] as const) {
      await page.setViewportSize({ width, height })
      const file = join('test-results', 'screenshots', `${scheme}-${name}-${width}.png`)
      const body = await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' })
      await testInfo.attach(`${scheme}-${name}-${width}`, { body, contentType: 'image/png' })
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 })
}

/** Flips one ciphertext byte of the first sensitive message's record, as disk damage would. */
function damageSensitiveRecord(dataDir: string): void {
  const db = new Database(join(dataDir, 'vault.db'))
  try {
    const row = db
      // The user's message is sealed before its reply (which is sensitive too).
      .prepare("SELECT id, ciphertext FROM vault_records WHERE kind = 'message' ORDER BY rowid")
      .get() as { id: string; ciphertext: Buffer }
    const flipped = Buffer.from(row.ciphertext)
    flipped[0] = flipped[0]! ^ 0xff
    db.prepare('UPDATE vault_records SET ciphertext = ? WHERE id = ?').run(flipped, row.id)
  } finally {
    db.close()
  }
}

test('an SDK vault imports and a damaged sensitive message stays local, in the window', async ({
  page,
  host,
}, testInfo) => {
  await openApp(page, host)
  await page.getByRole('button', { name: 'Vault', exact: true }).click()
  await panel(page).getByLabel('Vault password', { exact: true }).fill(PASSWORD)
  await panel(page).getByLabel('Repeat the password').fill(PASSWORD)
  await panel(page).getByRole('button', { name: 'Set up vault' }).click()
  await expect(panel(page).getByRole('button', { name: 'Lock vault' })).toBeVisible()

  await panel(page).getByLabel('SDK vault folder').setInputFiles(join(SDK, 'python'))
  await panel(page).getByLabel('SDK vault password').fill(SDK_PASSWORD)
  await panel(page).getByRole('button', { name: 'Import SDK vault' }).click()
  const imported = panel(page).getByRole('status').filter({ hasText: 'Imported' })
  await expect(imported).toBeVisible()
  await imported.scrollIntoViewIfNeeded()
  await shoot(page, testInfo, '31-vault-sdk-import')
  await panel(page).getByRole('button', { name: 'Close vault' }).click()

  await createSession(page, 'Private thoughts')
  await page.getByRole('checkbox', { name: 'Sensitive' }).check()
  await send(page, 'the sensitive one')
  await page.getByRole('checkbox', { name: 'Sensitive' }).uncheck()
  await send(page, 'an ordinary note after it')
  await expect(userMessages(page)).toHaveCount(2)

  damageSensitiveRecord(host.dataDir)
  // Locked and opened again, so the vault reads its records afresh.
  await page.getByRole('button', { name: 'Vault', exact: true }).click()
  await panel(page).getByRole('button', { name: 'Lock vault' }).click()
  await page.reload()
  await page.getByRole('button', { name: 'Vault', exact: true }).click()
  await panel(page).getByLabel('Vault password', { exact: true }).fill(PASSWORD)
  await panel(page).getByRole('button', { name: 'Unlock', exact: true }).click()
  await expect(panel(page).getByText('1 damaged record: it cannot be decrypted')).toBeVisible()
  // The session opens: only the damaged message says so; the other one reads as usual.
  await expect(userMessages(page).first().getByRole('note')).toContainText(
    'This message could not be decrypted',
  )
  await expect(userMessages(page).nth(1)).toContainText('an ordinary note after it')
  await shoot(page, testInfo, '32-vault-damaged')
  await panel(page).getByRole('button', { name: 'Close vault' }).click()
  await userMessages(page).first().scrollIntoViewIfNeeded()
  await shoot(page, testInfo, '33-damaged-message')
})
