import { expect, test } from './fixtures'
import { openApp, send, sessionItem } from './helpers'

test.use({ offlineDelayMs: 4 })

test('the first reply gives a new session a title from its first message', async ({
  page,
  host,
}) => {
  await openApp(page, host)
  await page.getByRole('button', { name: 'New session' }).click()
  const recent = page.getByRole('list', { name: 'Recent sessions' })
  await expect(recent.getByRole('link')).toHaveText(['New session'])
  await send(page, 'How can I sleep better a heatwave?')
  await expect(recent.getByRole('link')).toHaveText(['How can I sleep better'])
  await expect(
    page.getByRole('heading', { level: 2, name: 'How can I sleep better' }),
  ).toBeVisible()
  // Stored: a reload shows the same title.
  await page.reload()
  await expect(sessionItem(page, 'How can I sleep better')).toBeVisible()
  expect(host.contractViolations()).toEqual([])
})
