import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page, TestInfo } from '@playwright/test'
import { expect, test } from './fixtures'
import type { SeedMessage } from './helpers'
import {
  choose,
  createSession,
  importFiles,
  messages,
  openApp,
  replies,
  send,
  sessionExport,
  sessionItem,
} from './helpers'

/** Kept after the run (outside Playwright's output folder, which is wiped on each run). */
const SCREENSHOT_DIR = join('test-results', 'screenshots')

const RICH_REPLY = [
  '✦ Here is how the two offers compare ⟨low⟩.',
  '',
  '| | Offer A | Offer B |',
  '|---|---|---|',
  '| Salary | higher | lower |',
  '| Commute | 50 min | 10 min |',
  '',
  '1. **Time** matters more than you said ⟨medium⟩.',
  '2. The team at B may grow faster ⟨⟨high⟩⟩.',
  '',
  '```ts',
  'const choice = offers.sort((a, b) => b.hours - a.hours)[0]',
  '```',
  '',
  'See [the notes](https://example.com/notes) and `inline code`. > quoted',
].join('\n')

const SEED: SeedMessage[] = [
  { role: 'user', content: 'I have two job offers and I cannot decide between them.' },
  { role: 'assistant', content: RICH_REPLY },
  {
    role: 'user',
    content: 'A very long line without spaces: ' + 'abcdefghij'.repeat(20),
  },
]

type Scheme = 'light' | 'dark'

const VAULT_PASSWORD = 'a long vault passphrase 42'
// The hosts these specs start create vaults at the minimum KDF cost the vault accepts.
process.env.AMOS_VAULT_KDF_ITERATIONS = '100000'

async function shoot(page: Page, testInfo: TestInfo, scheme: Scheme, name: string): Promise<void> {
  const file = join(SCREENSHOT_DIR, `${scheme}-${name}.png`)
  // Caret blink and the streaming cursor would make two runs differ for no reason.
  const body = await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' })
  await testInfo.attach(`${scheme}-${name}`, { body, contentType: 'image/png' })
}

async function vaultScreens(page: Page, testInfo: TestInfo, scheme: Scheme): Promise<void> {
  const vault = page.getByRole('region', { name: 'Vault' })
  await page.getByRole('button', { name: 'Vault', exact: true }).click()
  await expect(vault.getByRole('button', { name: 'Set up vault' })).toBeVisible()
  await shoot(page, testInfo, scheme, '19-vault-setup')
  await vault.getByLabel('Vault password', { exact: true }).fill(VAULT_PASSWORD)
  await vault.getByLabel('Repeat the password').fill(VAULT_PASSWORD)
  await vault.getByRole('button', { name: 'Set up vault' }).click()
  await expect(vault.getByRole('button', { name: 'Lock vault' })).toBeVisible()
  const entries = [
    ['north star', 'Run a marathon in October', 'Goals'],
    ['sister', 'Maya, lives in Lisbon, loves sailing', 'People'],
    ['morning', 'Write three pages before checking the phone', 'Habits'],
  ]
  for (const [key, value] of entries) {
    await vault.getByRole('button', { name: 'New entry' }).click()
    await vault.getByLabel('Key').fill(key!)
    await vault.getByLabel('Value', { exact: true }).fill(value!)
    await vault.getByRole('button', { name: 'Save entry' }).click()
    // The form closes after the list shows the entry; until then its textarea holds the text too.
    await expect(vault.getByRole('button', { name: 'Save entry' })).toBeHidden()
    await expect(vault.getByText(value!)).toBeVisible()
  }
  await shoot(page, testInfo, scheme, '20-vault-open')
  await vault.getByRole('button', { name: 'New entry' }).click()
  await shoot(page, testInfo, scheme, '21-vault-entry-form')
  await vault.getByRole('button', { name: 'Cancel' }).click()
  await vault.getByRole('button', { name: 'Lock vault' }).click()
  await expect(page.getByRole('heading', { name: 'Vault locked' })).toBeVisible()
  await shoot(page, testInfo, scheme, '22-vault-locked')
  await vault.getByRole('button', { name: 'Close vault' }).click()
}

async function importScreens(page: Page, testInfo: TestInfo, scheme: Scheme): Promise<void> {
  const many = Array.from({ length: 400 }, (_, i) => ({
    role: i % 2 ? ('assistant' as const) : ('user' as const),
    content: `Line ${i} of a long conversation about gardens and lighthouses. `.repeat(30),
  }))
  const files = Array.from({ length: 6 }, (_, i) => ({
    name: `bulk-${i}.json`,
    mimeType: 'application/json',
    buffer: Buffer.from(sessionExport(`session_screens_bulk_${i}`, `Bulk ${i}`, many)),
  }))
  await page.getByLabel('Import file').setInputFiles(files)
  const bar = page.getByRole('progressbar', { name: 'Import progress' })
  // The bar may already be gone on a fast machine; the result is shot either way.
  if (await bar.isVisible().catch(() => false))
    await shoot(page, testInfo, scheme, '23-import-progress')
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText('Imported')
  await shoot(page, testInfo, scheme, '24-import-result')
}

test.beforeAll(() => mkdirSync(SCREENSHOT_DIR, { recursive: true }))
// Slow enough to catch a reply mid-stream.
test.use({ offlineDelayMs: 25 })

for (const scheme of ['light', 'dark'] satisfies Scheme[]) {
  test(`${scheme} theme: every screen`, async ({ page, host }, testInfo) => {
    test.setTimeout(120_000)
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' })
    await openApp(page, host)
    await expect(page.getByRole('heading', { name: 'Welcome to ActiveMirror' })).toBeVisible()
    await expect(page.locator('.welcome-provider')).toBeVisible()
    await shoot(page, testInfo, scheme, '01-welcome')

    await createSession(page, 'Morning pages')
    await expect(page.getByRole('heading', { name: 'Nothing here yet' })).toBeVisible()
    await shoot(page, testInfo, scheme, '02-empty-session')

    await importFiles(page, [
      {
        name: 'offers.json',
        content: sessionExport('session_screens_offers', 'Two job offers', SEED),
      },
      {
        name: 'long.json',
        content: sessionExport(
          'session_screens_long',
          'A session with a very long title that will not fit in the sidebar at all',
          [{ role: 'user', content: 'Notes on the garden and the lighthouse.' }],
        ),
      },
    ])
    await page.getByRole('link', { name: 'Two job offers', exact: true }).click()
    await expect(replies(page)).toHaveCount(1)
    await choose(page, { pattern: 'Creative', uncertainty: 'Low' })
    await send(page, 'What would I regret more in five years?')
    await shoot(page, testInfo, scheme, '03-chat')

    const box = page.getByRole('textbox', { name: 'Message' })
    await box.fill('And what if I stay where I am?')
    await box.press('Enter')
    await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible()
    await expect(messages(page).locator('[aria-busy="true"] .markdown')).toBeVisible()
    await shoot(page, testInfo, scheme, '04-streaming')
    await page.getByRole('button', { name: 'Stop' }).click()
    await expect(replies(page).last()).toContainText('Stopped.')
    await shoot(page, testInfo, scheme, '05-stopped')

    // Retry makes a second version: the switcher and, on hover, the message's toolbar.
    await replies(page).last().getByRole('button', { name: 'Retry' }).click()
    await expect(replies(page).last().getByText('2 / 2')).toBeVisible()
    await expect(messages(page).locator('[aria-busy="true"]')).toHaveCount(0)
    await replies(page).last().hover()
    await expect(replies(page).last().getByRole('toolbar', { name: 'Message actions' })).toHaveCSS(
      'opacity',
      '1',
    )
    await shoot(page, testInfo, scheme, '25-message-toolbar')
    await replies(page)
      .last()
      .click({ button: 'right', position: { x: 240, y: 40 } })
    await expect(page.getByRole('menu', { name: 'Message actions' })).toBeVisible()
    await shoot(page, testInfo, scheme, '26-message-menu')
    await page.keyboard.press('Escape')

    await page.getByRole('searchbox', { name: 'Search sessions' }).fill('lighthouse')
    await expect(page.getByRole('region', { name: 'Matching messages' })).toBeVisible()
    await shoot(page, testInfo, scheme, '06-search')
    await page.getByRole('region', { name: 'Matching messages' }).getByRole('button').click()
    await expect(messages(page).locator('[aria-current="true"]')).toBeVisible()
    await shoot(page, testInfo, scheme, '07-search-hit')
    await page.getByRole('searchbox', { name: 'Search sessions' }).fill('')

    await sessionItem(page, 'Two job offers')
      .getByRole('button', { name: 'Session actions' })
      .click()
    await expect(page.getByRole('menu')).toBeVisible()
    await shoot(page, testInfo, scheme, '08-actions-menu')
    await page.getByRole('menuitem', { name: 'Rename' }).click()
    await expect(page.getByRole('textbox', { name: 'Session title' })).toBeFocused()
    await shoot(page, testInfo, scheme, '09-rename')
    await page.getByRole('textbox', { name: 'Session title' }).press('Escape')

    await sessionItem(page, 'Morning pages')
      .getByRole('button', { name: 'Session actions' })
      .click()
    await page.getByRole('menuitem', { name: 'Delete' }).click()
    await expect(page.getByRole('dialog', { name: 'Delete session?' })).toBeVisible()
    await shoot(page, testInfo, scheme, '10-delete-dialog')
    await page.getByRole('button', { name: 'Cancel' }).click()

    await sessionItem(page, 'Morning pages')
      .getByRole('button', { name: 'Session actions' })
      .click()
    await page.getByRole('menuitem', { name: 'Archive' }).click()
    await page.getByRole('button', { name: 'Archived' }).click()
    await expect(page.getByRole('list', { name: 'Archived sessions' })).toBeVisible()
    await page.getByRole('link', { name: 'Morning pages', exact: true }).click()
    await shoot(page, testInfo, scheme, '11-archived')
    await page.getByRole('button', { name: 'Active' }).click()

    await page.getByRole('button', { name: 'Settings', exact: true }).click()
    const settings = page.getByRole('dialog', { name: 'Settings' })
    await expect(settings.getByRole('heading', { name: 'Settings' })).toBeVisible()
    await shoot(page, testInfo, scheme, '12-settings')
    await settings.getByRole('button', { name: 'Add provider' }).click()
    await expect(settings.getByLabel('Base URL', { exact: true })).toBeVisible()
    await shoot(page, testInfo, scheme, '15-settings-provider-form')
    await settings.getByRole('button', { name: 'Cancel' }).click()
    await settings.getByRole('button', { name: 'Timeline' }).click()
    await expect(settings.getByRole('list', { name: 'Timeline' })).toBeVisible()
    await settings.getByRole('list', { name: 'Timeline' }).scrollIntoViewIfNeeded()
    await shoot(page, testInfo, scheme, '16-continuity-timeline')
    await settings.getByRole('button', { name: 'Close settings' }).click()

    await page.getByRole('link', { name: 'Two job offers', exact: true }).click()
    await replies(page).first().getByRole('button', { name: 'What the model saw' }).click()
    const saw = page.getByRole('dialog', { name: 'What the model saw' })
    await expect(saw).toContainText('System prompt')
    await shoot(page, testInfo, scheme, '17-what-the-model-saw')
    await saw.getByRole('button', { name: 'Close' }).click()

    await page.getByRole('button', { name: 'Memory' }).click()
    await expect(page.getByRole('region', { name: 'Memory' })).toBeVisible()
    await shoot(page, testInfo, scheme, '18-memory')
    await page.getByRole('button', { name: 'Close memory' }).click()

    await vaultScreens(page, testInfo, scheme)
    await importScreens(page, testInfo, scheme)

    await page.setViewportSize({ width: 800, height: 600 })
    await page.getByRole('link', { name: 'Two job offers', exact: true }).click()
    await expect(replies(page).first()).toBeVisible()
    await shoot(page, testInfo, scheme, '13-narrow')
    await page.setViewportSize({ width: 1280, height: 800 })

    // Errors last: the host goes away in the middle of a reply.
    await box.fill('One more thought before I go')
    await box.press('Enter')
    await expect(messages(page).locator('[aria-busy="true"] .markdown')).toBeVisible()
    await host.stop()
    await expect(page.getByRole('alert').first()).toBeVisible()
    await expect(replies(page).last()).toContainText('Failed')
    await shoot(page, testInfo, scheme, '14-connection-lost')
  })
}
