import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { importFiles, messages, openApp, replies, sessionExport } from './helpers'

const LONG_SESSION = Array.from({ length: 12 }, (_, i) => ({
  role: i % 2 ? ('assistant' as const) : ('user' as const),
  content: `Paragraph ${i} about the garden, the lighthouse and the long walk home. `.repeat(12),
}))

async function openLongSession(page: Page): Promise<void> {
  await importFiles(page, [
    { name: 'long.json', content: sessionExport('session_layout_long', 'Long talk', LONG_SESSION) },
  ])
  await page.getByRole('link', { name: 'Long talk', exact: true }).click()
  await expect(replies(page).first()).toBeVisible()
  // The import's result notice takes a little room until it is dismissed.
  expect(
    (await messages(page).boundingBox())!.height / page.viewportSize()!.height,
  ).toBeGreaterThan(0.4)
  await page.getByRole('button', { name: 'Dismiss notice' }).click()
}

/** The composer's share of the window's height. */
async function composerShare(page: Page): Promise<number> {
  const box = await page.getByRole('form', { name: 'Compose a message' }).boundingBox()
  const height = page.viewportSize()!.height
  return box ? box.height / height : 1
}

for (const size of [
  { width: 1280, height: 800, share: 0.25 },
  { width: 800, height: 600, share: 0.3 },
]) {
  test(`at ${size.width}×${size.height} the conversation keeps most of the height`, async ({
    page,
    host,
  }) => {
    await page.setViewportSize(size)
    await openApp(page, host)
    await openLongSession(page)
    expect(await composerShare(page)).toBeLessThanOrEqual(size.share)
    const scroller = await messages(page).boundingBox()
    expect(scroller!.height / size.height).toBeGreaterThanOrEqual(0.5)

    // A long draft grows the box, up to a cap: the conversation stays readable.
    const box = page.getByRole('textbox', { name: 'Message' })
    const before = (await box.boundingBox())!.height
    await box.fill(Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n'))
    const grown = (await box.boundingBox())!.height
    expect(grown).toBeGreaterThan(before * 1.5)
    expect(grown / size.height).toBeLessThanOrEqual(0.41)
    expect((await messages(page).boundingBox())!.height).toBeGreaterThan(size.height * 0.25)
  })
}

test('sending while reading further up goes to the reply', async ({ page, host }) => {
  await page.setViewportSize({ width: 800, height: 600 })
  await openApp(page, host)
  await openLongSession(page)
  const log = messages(page)
  await log.evaluate((el) => (el.scrollTop = 0))
  await expect(page.getByText('Paragraph 0 about the garden').first()).toBeInViewport()

  const box = page.getByRole('textbox', { name: 'Message' })
  await box.fill('And what did I leave out?')
  await box.press('Enter')
  await expect(replies(page).last()).toContainText('And what did I leave out?')
  await expect(replies(page).last()).toBeInViewport()
  await expect
    .poll(() => log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight))
    .toBeLessThan(80)
})
