import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { createSession, messages, openApp, replies, userMessages, waitForReply } from './helpers'

/** Kept after the run beside the other screens (outside Playwright's wiped output folder). */
const SCREENSHOT_DIR = join('test-results', 'screenshots')

function queued(page: Page) {
  return page.getByRole('list', { name: 'Queued messages' }).getByRole('listitem')
}

test.describe('composer', () => {
  // Slow enough that the first reply is still arriving while the next messages are written.
  test.use({ offlineDelayMs: 80 })

  test('Enter while a reply streams queues the message; it is sent when the reply ends', async ({
    page,
    host,
  }) => {
    await openApp(page, host)
    await createSession(page, 'Queueing')
    const box = page.getByRole('textbox', { name: 'Message' })
    await box.fill('Tell me about the long road ahead of me this year')
    await box.press('Enter')
    await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible()

    await box.fill('And what about the people on it?')
    await box.press('Enter')
    await box.fill('Never mind this one')
    await box.press('Enter')
    await expect(queued(page)).toHaveCount(2)
    await expect(queued(page).first()).toContainText('And what about the people on it?')
    await expect(box).toHaveValue('')
    await expect(userMessages(page)).toHaveCount(1)

    // The second queued message is cancelled: its text comes back into the box.
    await queued(page).nth(1).getByRole('button', { name: 'Cancel queued message' }).click()
    await expect(queued(page)).toHaveCount(1)
    await expect(box).toHaveValue('Never mind this one')

    await waitForReply(page, 2)
    await expect(userMessages(page)).toHaveCount(2)
    await expect(userMessages(page).nth(1)).toContainText('And what about the people on it?')
    await expect(queued(page)).toHaveCount(0)
    await expect(replies(page).nth(1)).toContainText('offline reflection')
    await expect(box).toHaveValue('Never mind this one')
  })

  test('a draft survives a page reload, each session its own', async ({ page, host }) => {
    await openApp(page, host)
    await createSession(page, 'Other')
    const box = page.getByRole('textbox', { name: 'Message' })
    await box.fill('for the other one')
    await createSession(page, 'Drafting')
    await box.fill('A thought I have not finished\nwith a second line')

    await page.reload()
    await expect(page.getByRole('heading', { level: 2, name: 'Drafting' })).toBeVisible()
    await expect(box).toHaveValue('A thought I have not finished\nwith a second line')
    await page.getByRole('link', { name: 'Other', exact: true }).click()
    await expect(page.getByRole('heading', { level: 2, name: 'Other' })).toBeVisible()
    await expect(box).toHaveValue('for the other one')
  })

  test('shortcuts in the browser: Ctrl+L, Ctrl+, and Esc from a field, Esc on the Memory panel', async ({
    page,
    host,
  }) => {
    await openApp(page, host)
    await createSession(page, 'Keys')
    const box = page.getByRole('textbox', { name: 'Message' })
    await page.getByRole('searchbox', { name: 'Search sessions' }).focus()
    await page.keyboard.press('Control+l')
    await expect(box).toBeFocused()

    await page.keyboard.press('Control+,')
    const settings = page.getByRole('dialog', { name: 'Settings' })
    await expect(settings).toBeVisible()
    await settings.getByRole('button', { name: 'Add provider' }).click()
    await settings.getByRole('combobox', { name: 'Model' }).fill('llama')
    await page.keyboard.press('Escape')
    await expect(settings).toHaveCount(0)

    await page.getByRole('button', { name: 'Memory' }).click()
    const memory = page.getByRole('region', { name: 'Memory' })
    await expect(memory).toBeVisible()
    await memory.getByRole('checkbox').first().focus()
    await page.keyboard.press('Escape')
    await expect(memory).toHaveCount(0)
  })

  for (const scheme of ['light', 'dark'] as const) {
    for (const [width, height] of [
      [1280, 800],
      [800, 600],
    ] as const) {
      test(`screens: queued message and shortcuts sheet, ${scheme} ${width}×${height}`, async ({
        page,
        host,
      }) => {
        await page.emulateMedia({ colorScheme: scheme })
        await page.setViewportSize({ width, height })
        await openApp(page, host)
        await createSession(page, 'Queued screen')
        const box = page.getByRole('textbox', { name: 'Message' })
        await box.fill('Tell me about the long road ahead of me this year')
        await box.press('Enter')
        await expect(messages(page).locator('[aria-busy="true"] .markdown')).toBeVisible()
        await box.fill('And what about the people on it? I keep thinking of them.')
        await box.press('Enter')
        await expect(queued(page)).toHaveCount(1)
        const name = `${scheme}-${width}x${height}`
        await page.screenshot({
          path: join(SCREENSHOT_DIR, `${name}-queued.png`),
          animations: 'disabled',
          caret: 'hide',
        })
        await page.keyboard.press('Control+/')
        await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
        await page.screenshot({
          path: join(SCREENSHOT_DIR, `${name}-shortcuts.png`),
          animations: 'disabled',
          caret: 'hide',
        })
        await page.keyboard.press('Escape')
        await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(0)
      })
    }
  }
})
