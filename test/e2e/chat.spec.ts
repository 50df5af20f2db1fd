import { expect, test } from './fixtures'
import type { PatternLabel } from './helpers'
import {
  choose,
  createSession,
  messages,
  openApp,
  replies,
  send,
  sessionItem,
  userMessages,
} from './helpers'

// Replies stream fast here; specs that press Stop slow them down.
test.use({ offlineDelayMs: 4 })

const GLYPHS: Record<PatternLabel, string> = {
  Exploratory: '◊',
  Analytical: '✦',
  Creative: '★',
  Strategic: '⬢',
}

test('a new session opens with an empty chat and shows in the sidebar', async ({ page, host }) => {
  await openApp(page, host)
  await expect(page.getByRole('heading', { name: 'Welcome to ActiveMirror' })).toBeVisible()
  await createSession(page)
  await expect(page.getByRole('heading', { name: 'Nothing here yet' })).toBeVisible()
  // Ready to write at once.
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused()
  await expect(
    page.getByRole('list', { name: 'Recent sessions' }).getByRole('listitem'),
  ).toHaveCount(1)
  await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled()
})

test('each pattern answers with its glyph and uncertainty badges, never raw markers', async ({
  page,
  host,
}) => {
  await openApp(page, host)
  await createSession(page, 'Patterns')
  await choose(page, { uncertainty: 'Low' })
  for (const pattern of Object.keys(GLYPHS) as PatternLabel[]) {
    await choose(page, { pattern })
    const reply = await send(
      page,
      `Thinking about my garden plans, ${pattern.toLowerCase()} please`,
    )
    const glyph = reply.getByRole('img', { name: `pattern: ${pattern}` })
    await expect(glyph).toHaveText(GLYPHS[pattern])
    // Low marks every claim: the offline engine writes one low, one medium and one high marker.
    for (const level of ['low', 'medium', 'high']) {
      await expect(
        reply.getByRole('img', { name: `uncertainty: ${level}`, exact: true }),
      ).toHaveCount(1)
    }
    await expect(reply.getByRole('img', { name: 'overall uncertainty: high' })).toBeVisible()
    await expect(reply).not.toContainText('⟨')
    await expect(reply).not.toContainText('⟩')
  }
  await expect(userMessages(page)).toHaveCount(4)
  await expect(sessionItem(page, 'Patterns')).toContainText('8 messages')
})

test('uncertainty None gives a reply without badges', async ({ page, host }) => {
  await openApp(page, host)
  await createSession(page)
  await choose(page, { pattern: 'Analytical', uncertainty: 'None' })
  const reply = await send(page, 'Weighing two offers for next year')
  await expect(reply.getByRole('img', { name: 'pattern: Analytical' })).toBeVisible()
  await expect(reply.locator('.uncertainty-badge')).toHaveCount(0)
  await expect(reply).not.toContainText('⟨')
})

test('Enter sends, Shift+Enter adds a new line', async ({ page, host }) => {
  await openApp(page, host)
  await createSession(page)
  const box = page.getByRole('textbox', { name: 'Message' })
  await box.fill('first line')
  await box.press('Shift+Enter')
  await box.pressSequentially('second line')
  await expect(box).toHaveValue('first line\nsecond line')
  await expect(userMessages(page)).toHaveCount(0)
  await box.press('Enter')
  await expect(userMessages(page)).toHaveCount(1)
  await expect(box).toHaveValue('')
  const sent = userMessages(page).first()
  await expect(sent).toContainText('first line')
  // The newline survives: the two lines are rendered on separate lines.
  const text = await sent.locator('.message-plain').innerText()
  expect(text).toBe('first line\nsecond line')
  await expect(replies(page)).toHaveCount(1)
})

test.describe('stopping', () => {
  // Slow enough that a reply is still arriving when Stop is pressed.
  test.use({ offlineDelayMs: 60 })

  test('Stop keeps the partial reply, marked stopped, also after a reload', async ({
    page,
    host,
  }) => {
    await openApp(page, host)
    await createSession(page, 'Stopping')
    const box = page.getByRole('textbox', { name: 'Message' })
    await box.fill('Tell me about the long road ahead of me this year')
    await box.press('Enter')
    const stop = page.getByRole('button', { name: 'Stop' })
    await expect(stop).toBeVisible()
    await expect(messages(page).locator('[aria-busy="true"] .markdown')).toBeVisible()
    await stop.click()
    await expect(stop).toHaveCount(0)
    await expect(box).toBeFocused()
    const reply = replies(page).first()
    await expect(reply).toContainText('Stopped.')
    const partial = await reply.locator('.markdown').innerText()
    expect(partial.length).toBeGreaterThan(0)
    // Far from the whole reply: the offline disclaimer comes last and never arrived.
    expect(partial).not.toContain('offline reflection')
    // The stopped reply is stored, and counted like any other.
    await expect(sessionItem(page, 'Stopping')).toContainText('2 messages')

    await page.reload()
    await expect(page.getByRole('heading', { level: 2, name: 'Stopping' })).toBeVisible()
    const again = replies(page).first()
    await expect(again).toContainText('Stopped.')
    await expect(again.locator('.markdown')).toHaveText(partial)
    await expect(sessionItem(page, 'Stopping')).toContainText('2 messages')
  })

  test('Esc stops the streaming reply', async ({ page, host }) => {
    await openApp(page, host)
    await createSession(page)
    const box = page.getByRole('textbox', { name: 'Message' })
    await box.fill('Something long to think about')
    await box.press('Enter')
    await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible()
    await expect(messages(page).locator('[aria-busy="true"] .markdown')).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0)
    await expect(replies(page).first()).toContainText('Stopped.')
  })
})
