import { randomUUID } from 'node:crypto'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { createSession, messages, openApp, replies, sessionItem } from './helpers'
import type { OpenAiServer } from './openAiServer'
import { startOpenAiServer } from './openAiServer'

// The host keeps provider settings beside the keychain: a private service name, never the user's.
process.env.AMOS_KEYCHAIN_SERVICE = `ActiveMirror-e2e-${randomUUID()}`

let server: OpenAiServer

test.beforeEach(async () => {
  server = await startOpenAiServer(['loop-model'])
})
test.afterEach(async () => {
  await server.close()
})

/** An OpenAI-compatible server on 127.0.0.1 (no key needed) as the default provider. */
async function useLoopback(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await settings.getByRole('button', { name: 'Add provider' }).click()
  await settings
    .getByLabel('Provider', { exact: true })
    .selectOption({ label: 'OpenAI-compatible' })
  await settings.getByLabel('Name', { exact: true }).fill('Loopback')
  await settings.getByLabel('Base URL', { exact: true }).fill(server.baseUrl)
  await settings.getByLabel('Model', { exact: true }).fill('loop-model')
  await settings.getByRole('button', { name: 'Save', exact: true }).click()
  const row = settings.getByRole('listitem', { name: 'Loopback' })
  await row.getByRole('button', { name: 'Make default' }).click()
  await expect(row.getByText('Default')).toBeVisible()
  await settings.getByRole('button', { name: 'Done' }).click()
  await page.getByRole('button', { name: 'Close settings' }).click()
}

test('a failed reply stays in its thread with Retry; its alert stays with its session', async ({
  page,
  host,
}) => {
  await openApp(page, host)
  await createSession(page, 'Calm')
  await createSession(page, 'Failing')
  await useLoopback(page)

  server.setMode({ kind: 'status', status: 500, message: 'The model fell over' })
  const box = page.getByRole('textbox', { name: 'Message' })
  await box.fill('Are you there?')
  await box.press('Enter')
  const failed = replies(page).first()
  await expect(failed).toContainText('Failed')
  await expect(failed.getByRole('button', { name: 'Retry' })).toBeVisible()
  await expect(page.getByRole('alert')).toHaveCount(1)

  // Another session does not show this session's error; coming back shows it again.
  await page.getByRole('link', { name: 'Calm', exact: true }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Calm' })).toBeVisible()
  await expect(page.getByRole('alert')).toHaveCount(0)
  await page.getByRole('link', { name: 'Failing', exact: true }).click()
  await expect(replies(page).first()).toContainText('Failed')
  await expect(page.getByRole('alert')).toHaveCount(1)

  // Retry, now that the server answers: a new version in the failed one's place.
  server.setMode({ kind: 'stream', texts: ['Here', ' I am.'] })
  await replies(page).first().getByRole('button', { name: 'Retry' }).click()
  await expect(replies(page).first()).toContainText('Here I am.')
  await expect(replies(page).first().getByText('2 / 2')).toBeVisible()
  await expect(messages(page)).not.toContainText('Failed')
  await expect(sessionItem(page, 'Failing')).toContainText('3 messages')
  await replies(page).first().getByRole('button', { name: 'Previous version' }).click()
  await expect(replies(page).first()).toContainText('Failed')
  await expect(replies(page).first().getByText('1 / 2')).toBeVisible()
})
