import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from './fixtures'
import { importFiles, messages, openApp, replies, send, sessionItem } from './helpers'

const SCREENSHOT_DIR = join('test-results', 'screenshots')
const ID = 'session_1732000000000_t00lr0le1'
const message = (n: number, role: string, content: string) => ({
  id: `msg_173200000${n}000_abcdefgh${n}`,
  sessionId: ID,
  role,
  content,
  timestamp: `2024-11-19T07:0${n}:00.000Z`,
  metadata: {},
})

// A session file as the ActiveMirrorOS JS SDK writes it, with the roles it allows besides ours.
const SDK_SESSION = JSON.stringify({
  id: ID,
  title: 'Weather with tools',
  userId: 'anonymous',
  createdAt: '2024-11-19T07:00:00.000Z',
  updatedAt: '2024-11-19T07:05:00.000Z',
  messageCount: 5,
  messages: [
    message(1, 'user', 'What is the weather at the lighthouse?'),
    message(2, 'assistant', 'Let me check the **station** report.'),
    message(3, 'tool', '{\n  "station": "Fastnet",\n  "sky": "fog",\n  "visibility_m": 200\n}'),
    message(4, 'function', 'tide_table(port="Baltimore") → low water 14:12'),
    message(5, 'assistant', 'Fog, about 200 metres of visibility; low water at 14:12.'),
  ],
})

test.beforeAll(() => mkdirSync(SCREENSHOT_DIR, { recursive: true }))

for (const scheme of ['light', 'dark'] as const) {
  test(`${scheme}: tool and function messages are shown, and the session still chats`, async ({
    page,
    host,
  }) => {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' })
    await openApp(page, host)
    await importFiles(page, [{ name: 'weather.json', content: SDK_SESSION }])
    await sessionItem(page, 'Weather with tools').getByRole('link').click()

    const log = messages(page)
    const tool = log.getByRole('article', { name: 'tool message' })
    const fn = log.getByRole('article', { name: 'function message' })
    await expect(tool).toBeVisible()
    await expect(tool.locator('.message-role')).toHaveText('Tool')
    await expect(tool).toContainText('"station": "Fastnet"')
    await expect(fn.locator('.message-role')).toHaveText('Function')
    await expect(replies(page)).toHaveCount(2)
    // Neutral: neither the user's bubble nor the assistant's card.
    const background = (sel: string) =>
      log
        .locator(sel)
        .first()
        .evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).backgroundColor)
    const toolBg = await background('.message-tool')
    expect(toolBg).not.toBe(await background('.message-user'))
    expect(toolBg).not.toBe(await background('.message-assistant'))
    await page.screenshot({
      path: join(SCREENSHOT_DIR, `${scheme}-30-tool-messages.png`),
      animations: 'disabled',
      caret: 'hide',
    })

    // Sending in this session works: the tool output goes to the model as labelled text.
    const reply = await send(page, 'And tomorrow?')
    await expect(reply).not.toContainText('Failed')

    // Still listed and openable after a reload (the store kept the roles).
    await page.reload()
    await expect(sessionItem(page, 'Weather with tools')).toBeVisible()
    await sessionItem(page, 'Weather with tools').getByRole('link').click()
    await expect(messages(page).getByRole('article', { name: 'tool message' })).toBeVisible()
  })
}
