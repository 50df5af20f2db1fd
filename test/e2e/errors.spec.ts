import { expect, startHost, test } from './fixtures'
import { createSession, openApp, send, userMessages } from './helpers'

// Replies stream fast here; specs that press Stop slow them down.
test.use({ offlineDelayMs: 4 })

test('losing the host shows an alert, keeps the draft, and a new link brings everything back', async ({
  page,
  host,
}) => {
  await openApp(page, host)
  await createSession(page, 'Before the outage')
  await send(page, 'A note written before the host went away')

  await host.stop()
  await expect(
    page.getByRole('alert').filter({ hasText: 'Connection to ActiveMirror lost' }),
  ).toBeVisible()
  // The page stays usable: the conversation is still on screen.
  await expect(userMessages(page)).toHaveCount(1)

  // The host comes back on the same port with a new token: the old page must ask for the link.
  const port = Number(new URL(host.origin).port)
  const again = await startHost(host.dataDir, 4, port)
  try {
    const banner = page.locator('.connection-banner')
    await expect(banner).toHaveRole('alert')
    await expect(banner).toContainText('refused', { timeout: 15_000 })

    const box = page.getByRole('textbox', { name: 'Message' })
    await box.fill('Written while refused')
    await box.press('Enter')
    // Nothing typed is lost when sending fails, and nothing half-sent stays in the log.
    await expect(box).toHaveValue('Written while refused')
    await expect(userMessages(page)).toHaveCount(1)
    // The banner is the one alert: the failed send does not repeat it.
    await expect(page.getByRole('alert')).toHaveCount(1)

    await page.goto(again.url)
    await page.reload()
    await expect(page.getByRole('link', { name: 'Before the outage', exact: true })).toBeVisible()
    await page.getByRole('link', { name: 'Before the outage', exact: true }).click()
    await expect(userMessages(page)).toHaveText([/A note written before the host went away/])
    await expect(page.getByRole('alert')).toHaveCount(0)
  } finally {
    await again.stop()
  }
  expect(again.contractViolations()).toEqual([])
})
