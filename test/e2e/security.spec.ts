import WebSocket from 'ws'
import { expect, test } from './fixtures'
import type { RunningHost } from './fixtures'
import {
  createSession,
  importFiles,
  messages,
  openApp,
  replies,
  send,
  sessionExport,
  userMessages,
} from './helpers'

// Replies stream fast here; specs that press Stop slow them down.
test.use({ offlineDelayMs: 4 })

const IMG = '<img src=x onerror=alert(1)>'
const SCRIPT = '<script>alert(1)</script>'

test('HTML in messages shows as text and runs nothing', async ({ page, host }) => {
  const dialogs: string[] = []
  const problems: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  page.on('pageerror', (error) => problems.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text())
  })

  await openApp(page, host)
  // A reply from a model or an imported file goes through the Markdown renderer.
  const hostile = [
    { role: 'user' as const, content: 'Show me something.' },
    {
      role: 'assistant' as const,
      content: `Here: ${IMG} and ${SCRIPT} and [a link](javascript:alert(1)) and ![pic](x)`,
    },
  ]
  await importFiles(page, [
    { name: 'hostile.json', content: sessionExport('session_e2e_html', 'Hostile', hostile) },
  ])
  await page.getByRole('link', { name: 'Hostile', exact: true }).click()
  const imported = replies(page).first()
  await expect(imported).toContainText(IMG)
  await expect(imported).toContainText(SCRIPT)
  await expect(imported.getByRole('link')).toHaveCount(0)

  // And what the user types, with the reply that quotes it.
  await createSession(page)
  await send(page, `Look ${IMG} and ${SCRIPT} here`)
  await expect(userMessages(page).first()).toContainText(`Look ${IMG} and ${SCRIPT} here`)

  const log = messages(page)
  await expect(log.locator('img')).toHaveCount(0)
  await expect(log.locator('script')).toHaveCount(0)
  await expect(page.locator('img[src="x"]')).toHaveCount(0)
  // The app's own bundle is the only script on the page.
  await expect(page.locator('script')).toHaveCount(1)
  await expect(page.locator('body script')).toHaveCount(0)
  expect(dialogs).toEqual([])
  expect(problems).toEqual([])
})

function connect(host: RunningHost, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = `${host.origin.replace('http', 'ws')}/ws?token=${encodeURIComponent(token)}`
    const socket = new WebSocket(url, { headers: { origin: host.origin } })
    const timer = setTimeout(() => reject(new Error('no close within 5 s')), 5_000)
    socket.on('open', () => {
      // A good token stays open: send a request and close ourselves after the answer.
      socket.send(JSON.stringify({ id: 1, route: 'sessions.list', input: {} }))
    })
    socket.on('message', () => socket.close(1000))
    socket.on('close', (code) => {
      clearTimeout(timer)
      resolve(code)
    })
    socket.on('error', () => undefined)
  })
}

test('the WebSocket closes with 4401 for a wrong or missing token', async ({ host }) => {
  expect(await connect(host, 'not-the-token')).toBe(4401)
  expect(await connect(host, '')).toBe(4401)
  expect(await connect(host, host.token)).toBe(1000)
})

test('a foreign Origin is refused before the handshake', async ({ host }) => {
  const status = await new Promise<number>((resolve) => {
    const socket = new WebSocket(`${host.origin.replace('http', 'ws')}/ws?token=${host.token}`, {
      headers: { origin: 'http://evil.example' },
    })
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
    socket.on('open', () => resolve(101))
    socket.on('error', () => undefined)
  })
  expect(status).toBe(403)
})

const REFUSED =
  'ActiveMirror refused this page. Open the link printed by npm run serve (or amos serve) again: it carries the access token this page needs.'

test('a page with a wrong token says the connection was refused', async ({ page, host }) => {
  await page.goto(`${host.origin}/#token=wrong-token`)
  // One alert says it; the failed first loads do not repeat it.
  await expect(page.getByRole('alert')).toHaveText(REFUSED)
  // Nothing from the store leaks into the page.
  await expect(page.getByRole('list', { name: 'Recent sessions' })).toHaveCount(0)
})

test('a page opened without the token shows only the refusal, not the app behind it', async ({
  page,
  host,
}) => {
  await page.goto(host.origin)
  await expect(page.getByRole('heading', { name: 'This page is not connected' })).toBeVisible()
  await expect(page.getByRole('alert')).toHaveText(REFUSED)
  await expect(page.getByRole('navigation', { name: 'Sessions' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Settings', exact: true })).toHaveCount(0)
  await expect(page.getByRole('textbox')).toHaveCount(0)
})
