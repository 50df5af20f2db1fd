import { randomUUID } from 'node:crypto'
import { expect, test } from './fixtures'
import { createSession, messages, openApp, replies } from './helpers'
import type { OpenAiServer } from './openAiServer'
import { startOpenAiServer } from './openAiServer'

// Runs inside scripts/with-keyring.sh (npm test): the host stores the key in a real keychain,
// under a private service name so nobody's own keychain is touched.
process.env.AMOS_KEYCHAIN_SERVICE = `ActiveMirror-e2e-${randomUUID()}`
const KEY = 'sk-e2e-loopback-8d6b4f2a0c'

let server: OpenAiServer

test.beforeEach(async () => {
  server = await startOpenAiServer(['loop-model', 'other-model'])
})
test.afterEach(async () => {
  await server.close()
})

test('configure an OpenAI-compatible provider in Settings, chat, stop, and see a rate limit', async ({
  page,
  host,
}) => {
  await openApp(page, host)
  await createSession(page, 'Loopback chat')

  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await settings.getByRole('button', { name: 'Add provider' }).click()
  await settings
    .getByLabel('Provider', { exact: true })
    .selectOption({ label: 'OpenAI-compatible' })
  await settings.getByLabel('Name', { exact: true }).fill('Loopback')
  await settings.getByLabel('Base URL', { exact: true }).fill(server.baseUrl)
  await settings.getByLabel('Model', { exact: true }).fill('loop-model')
  await settings.getByLabel('API key', { exact: true }).fill(KEY)
  await settings.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(settings.getByText('Saved. Key stored in the OS keychain.')).toBeVisible()
  await expect(settings.getByLabel('API key', { exact: true })).toHaveValue('')

  await settings.getByRole('button', { name: 'Test connection' }).first().click()
  await expect(
    settings.getByRole('status').filter({ hasText: 'Connected in' }).first(),
  ).toContainText('2 models available')
  const row = settings.getByRole('listitem', { name: 'Loopback' })
  await row.getByRole('button', { name: 'Make default' }).click()
  await expect(row.getByText('Default')).toBeVisible()
  await settings.getByRole('button', { name: 'Done' }).click()
  await page.getByRole('button', { name: 'Close settings' }).click()
  // The key never reaches the page.
  expect(await page.content()).not.toContain(KEY)

  // A streamed reply from the loopback server.
  server.setMode({ kind: 'stream', texts: ['Hello', ' from', ' the', ' loopback'], gapMs: 40 })
  const box = page.getByRole('textbox', { name: 'Message' })
  await box.fill('Are you there?')
  await box.press('Enter')
  await expect(replies(page).last()).toContainText('Hello from the loopback')
  await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0)
  expect(server.chats[0]!.authorization).toBe(`Bearer ${KEY}`)
  expect(server.chats[0]!.body.model).toBe('loop-model')
  await expect(page.getByLabel('Context used')).toBeVisible()

  // What the model saw, for that reply.
  await replies(page).last().getByRole('button', { name: 'What the model saw' }).click()
  const dialog = page.getByRole('dialog', { name: 'What the model saw' })
  await expect(dialog).toContainText('Are you there?')
  await expect(dialog).toContainText('loop-model')
  await dialog.getByRole('button', { name: 'Close' }).click()

  // Stop mid-stream: what arrived is kept, marked stopped; the server sees the hang-up.
  const words = Array.from({ length: 40 }, (_, i) => ` word${i}`)
  server.setMode({ kind: 'stream', texts: ['Slowly', ...words], gapMs: 150 })
  await box.fill('Take your time')
  await box.press('Enter')
  await expect(replies(page).last()).toContainText('Slowly')
  await page.getByRole('button', { name: 'Stop' }).click()
  await expect(messages(page).getByText('Stopped.')).toBeVisible()
  await server.chats[1]!.closedEarly

  // A rate limit, with the wait the server asked for.
  server.setMode({
    kind: 'status',
    status: 429,
    headers: { 'retry-after': '30' },
    message: 'Rate limit reached for requests',
  })
  await box.fill('One more?')
  await box.press('Enter')
  const alert = page.getByRole('alert').filter({ hasText: 'rate limiting' })
  await expect(alert).toContainText('Wait 30 s')
})
