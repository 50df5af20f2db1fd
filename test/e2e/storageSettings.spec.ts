import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import pg from 'pg'
import { allFileText } from '../helpers/allFileText'
import { postgresBinDir, startPostgresCluster } from '../helpers/postgresCluster'
import type { PostgresCluster } from '../helpers/postgresCluster'
import { expect, test } from './fixtures'
import { createSession, openApp, sessionItem } from './helpers'

// The host child inherits this: its keychain entries go to a private service.
process.env.AMOS_KEYCHAIN_SERVICE = `ActiveMirror-e2e-storage-${randomUUID()}`
/** Kept after the run (outside Playwright's output folder, which is wiped on each run). */
const SCREENSHOT_DIR = join('test-results', 'screenshots')
const PASSWORD = `pw-${randomUUID()}`
const BIN_DIR = postgresBinDir()

let cluster: PostgresCluster | null = null
test.beforeAll(async () => {
  if (BIN_DIR) cluster = await startPostgresCluster(BIN_DIR)
})
test.afterAll(() => cluster?.destroy())

async function storageSection(page: Page) {
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  const section = settings.getByRole('region', { name: 'Storage' })
  await expect(section.getByRole('radiogroup', { name: 'Storage' })).toBeVisible()
  return section
}

async function screenshots(page: Page, section: ReturnType<Page['locator']>, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  for (const [width, height] of [
    [1280, 800],
    [800, 600],
  ] as const) {
    await page.setViewportSize({ width, height })
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' })
      await section.scrollIntoViewIfNeeded()
      await page.screenshot({
        path: join(SCREENSHOT_DIR, `${scheme}-${name}-${width}x${height}.png`),
        animations: 'disabled',
        caret: 'hide',
      })
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 })
}

test('Settings → Storage tests a PostgreSQL URL and moves the running app onto it', async ({
  page,
  host,
}) => {
  test.skip(!BIN_DIR && !process.env.CI, 'PostgreSQL is not installed')
  const server = new URL(cluster!.url)
  server.password = PASSWORD
  const databaseUrl = server.toString()
  await openApp(page, host)
  await createSession(page, 'Only on this device')

  let section = await storageSection(page)
  await expect(section.getByText('Now: SQLite database')).toBeVisible()
  await section.getByRole('radio', { name: 'Shared PostgreSQL database' }).check()
  const field = section.getByRole('textbox', { name: 'Database URL' })
  const secret = section.getByLabel('Database password')
  const bareUrl = databaseUrl.replace(`:${PASSWORD}@`, '@')
  await field.fill(bareUrl.replace(/\/postgres$/, '/missing_db'))
  await secret.fill(PASSWORD)
  await section.getByRole('button', { name: 'Test connection' }).click()
  await expect(section.getByRole('alert')).toContainText('has no such database')
  await expect(section.getByRole('alert')).not.toContainText(PASSWORD)
  // A whole URL with its password (as pasted): the password moves to its own field.
  await field.fill(databaseUrl)
  await expect(field).toHaveValue(bareUrl)
  await expect(secret).toHaveValue(PASSWORD)
  await expect(secret).toHaveAttribute('type', 'password')
  await section.getByRole('button', { name: 'Test connection' }).click()
  await expect(section.getByRole('status')).toContainText('Connected to 127.0.0.1')
  await screenshots(page, section, 'storage-tested')

  await section.getByRole('button', { name: 'Use this database' }).click()
  // The page starts over on the restarted core: the shared database has none of this device's sessions.
  await expect(page.getByRole('navigation', { name: 'Sessions' })).toBeVisible()
  await expect(sessionItem(page, 'Only on this device')).toHaveCount(0)
  await createSession(page, 'On the shared database')
  const check = new pg.Client({ connectionString: cluster!.url })
  await check.connect()
  const { rows } = await check.query<{ title: string }>('SELECT title FROM sessions')
  await check.end()
  expect(rows.map((row) => row.title)).toEqual(['On the shared database'])

  section = await storageSection(page)
  await expect(section.getByText('Now: PostgreSQL database (shared)')).toBeVisible()
  await expect(section.getByRole('textbox', { name: 'Database URL' })).toHaveValue(bareUrl)
  await expect(section.getByLabel('Database password')).toHaveValue('********')
  const use = section.getByRole('button', { name: 'Use this database' })
  await expect(use).toBeDisabled()
  await expect(use).toHaveAccessibleDescription('ActiveMirror is already using this database.')
  await screenshots(page, section, 'storage-postgres')
  expect(await page.content()).not.toContain(PASSWORD)
  expect(allFileText(host.dataDir)).not.toContain(PASSWORD)
})
