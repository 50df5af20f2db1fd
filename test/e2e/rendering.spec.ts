import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { importFiles, openApp, replies, sessionExport } from './helpers'

const SCREENSHOT_DIR = join('test-results', 'screenshots')

const DIAGRAM = [
  'flowchart LR',
  '  Q[Question] --> R{Reflect}',
  '  R -->|clear| A[Answer]',
  '  R -->|unsure| Q',
].join('\n')

/** A reply as a model (or a ChatGPT export) writes one: every math form, a diagram, a price. */
const REPLY = [
  'The identity $e^{i\\pi} + 1 = 0$ links five constants, and \\(a^2 + b^2 = c^2\\) is older.',
  '',
  '\\[',
  '\\int_0^1 x^2\\,dx = \\frac{1}{3}',
  '\\]',
  '',
  'The book costs $5 and the course $10.',
  '',
  '```mermaid',
  DIAGRAM,
  '```',
  '',
  'Here is code: ```python',
  'print(1)',
  '```',
].join('\n')

// The browser globals used in the page (this project type-checks tests without DOM).
interface PageGlobals {
  document: {
    addEventListener(
      type: 'securitypolicyviolation',
      listener: (event: { violatedDirective: string; blockedURI: string }) => void,
    ): void
  }
  reportCspViolation(text: string): void
}

interface Watch {
  violations: string[]
  errors: string[]
}

/** CSP violations as the page reports them (event and console), and uncaught errors. */
async function watchPage(page: Page): Promise<Watch> {
  const watch: Watch = { violations: [], errors: [] }
  await page.exposeFunction('reportCspViolation', (text: string) => watch.violations.push(text))
  await page.addInitScript(() => {
    const w = globalThis as unknown as PageGlobals
    w.document.addEventListener('securitypolicyviolation', (event) => {
      w.reportCspViolation(`${event.violatedDirective} ${event.blockedURI}`)
    })
  })
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) watch.violations.push(message.text())
  })
  page.on('pageerror', (error) => watch.errors.push(error.message))
  return watch
}

async function openReply(page: Page, host: { url: string }): Promise<void> {
  await openApp(page, host as Parameters<typeof openApp>[1])
  await importFiles(page, [
    {
      name: 'math.json',
      content: sessionExport('session_render_math', 'Math and a diagram', [
        { role: 'user', content: 'Show me some math and a diagram.' },
        { role: 'assistant', content: REPLY },
      ]),
    },
  ])
  await page.getByRole('link', { name: 'Math and a diagram', exact: true }).click()
  await expect(replies(page)).toHaveCount(1)
}

test.beforeAll(() => mkdirSync(SCREENSHOT_DIR, { recursive: true }))

test('math and a mermaid diagram render under the strict CSP, source one click away', async ({
  page,
  host,
}) => {
  const watch = await watchPage(page)
  const requested: string[] = []
  page.on('request', (request) => requested.push(request.url()))
  await openApp(page, host)
  // Nothing needs KaTeX or Mermaid yet: their chunks are not fetched.
  expect(requested.filter((url) => /katex|mermaid/i.test(url))).toEqual([])

  await openReply(page, host)
  const reply = replies(page).first()
  await expect(reply.locator('.katex')).toHaveCount(3)
  await expect(reply.locator('.katex-display')).toHaveCount(1)
  const diagram = reply.getByRole('figure', { name: 'Diagram' })
  await expect(diagram.locator('.mermaid-diagram svg')).toBeVisible()
  await expect(
    diagram.locator('svg text, svg tspan').filter({ hasText: 'Reflect' }),
  ).not.toHaveCount(0)
  // The diagram's own rules reached it (through the CSSOM): nodes are filled, not black.
  const nodeFill = await diagram
    .locator('svg .node rect, svg .node polygon')
    .first()
    .evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).fill)
  expect(nodeFill).not.toBe('rgb(0, 0, 0)')
  // Fonts and styles came from the app itself; the CSP allows nothing else.
  expect(requested.some((url) => /KaTeX_Main-Regular.*\.woff2$/.test(url))).toBe(true)
  expect(
    requested.filter((url) => !url.startsWith(host.url.split('/#')[0]!.replace(/\/$/, ''))),
  ).toEqual([])

  // The price stayed prose; the mid-line fence became a code block.
  await expect(reply).toContainText('The book costs $5 and the course $10.')
  await expect(reply.locator('pre code')).toContainText('print(1)')
  await expect(reply).not.toContainText('```')

  // Source one click away, for the formula and for the diagram.
  const formula = reply.getByRole('figure', { name: 'Formula' })
  await formula.getByRole('button', { name: 'Show source' }).click()
  await expect(formula.locator('pre')).toHaveText('\\int_0^1 x^2\\,dx = \\frac{1}{3}')
  await diagram.getByRole('button', { name: 'Show source' }).click()
  await expect(diagram.locator('pre')).toHaveText(DIAGRAM)
  await expect(diagram.locator('.mermaid-diagram')).toBeHidden()
  await diagram.getByRole('button', { name: 'Hide source' }).click()
  await expect(diagram.locator('.mermaid-diagram svg')).toBeVisible()

  expect(watch.violations).toEqual([])
  expect(watch.errors).toEqual([])
})

test('a diagram that cannot be drawn shows why, and its source', async ({ page, host }) => {
  const watch = await watchPage(page)
  await openApp(page, host)
  await importFiles(page, [
    {
      name: 'broken.json',
      content: sessionExport('session_render_broken', 'Broken diagram', [
        { role: 'user', content: 'Draw it.' },
        { role: 'assistant', content: '```mermaid\nflowchart LR\n  A --> \n  ((( nope\n```' },
      ]),
    },
  ])
  await page.getByRole('link', { name: 'Broken diagram', exact: true }).click()
  const diagram = replies(page).first().getByRole('figure', { name: 'Diagram' })
  await expect(diagram).toContainText('Diagram could not be drawn')
  await expect(diagram.locator('pre')).toContainText('((( nope')
  expect(watch.violations).toEqual([])
})

test('a diagram cannot navigate the app or call its functions', async ({ page, host }) => {
  const watch = await watchPage(page)
  const dialogs: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  await openApp(page, host)
  const diagram = [
    'flowchart LR',
    '  A[Away] --> B[Call]',
    '  click A "https://example.com/away" "Leave"',
    '  click B call alert("called")',
    '  C["<img src=x onerror=alert(2)>"]',
  ].join('\n')
  await importFiles(page, [
    {
      name: 'links.json',
      content: sessionExport('session_render_links', 'Diagram links', [
        { role: 'user', content: 'Draw it.' },
        { role: 'assistant', content: '```mermaid\n' + diagram + '\n```' },
      ]),
    },
  ])
  await page.getByRole('link', { name: 'Diagram links', exact: true }).click()
  const svg = replies(page).first().locator('.mermaid-diagram svg')
  await expect(svg).toBeVisible()
  const url = page.url()
  // Links out of the diagram are gone; nothing in it runs script.
  await expect(svg.locator('a[href]:not([href^="#"]), img, script, style')).toHaveCount(0)
  await svg.locator('.node').filter({ hasText: 'Away' }).click()
  await svg.locator('.node').filter({ hasText: 'Call' }).click()
  await page.waitForTimeout(300)
  expect(page.url()).toBe(url)
  expect(dialogs).toEqual([])
  // DOMPurify, inside Mermaid, parses the hostile label in an inert document; Chromium still
  // reports (and blocks) its onerror there. That is the only report allowed: no style, no script.
  for (const violation of watch.violations) {
    expect(violation).toMatch(/inline event handler|^script-src-attr/)
  }
})

for (const scheme of ['light', 'dark'] as const) {
  for (const [width, height] of [
    [1280, 800],
    [800, 600],
  ] as const) {
    test(`${scheme} ${width}×${height}: math and a diagram`, async ({ page, host }) => {
      const watch = await watchPage(page)
      await page.setViewportSize({ width, height })
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' })
      await openReply(page, host)
      const reply = replies(page).first()
      await expect(reply.locator('.mermaid-diagram svg')).toBeVisible()
      await expect(reply.locator('.katex')).toHaveCount(3)
      await reply.locator('.katex-display').scrollIntoViewIfNeeded()
      await page.screenshot({
        path: join(SCREENSHOT_DIR, `${scheme}-${width}x${height}-30-math-diagram.png`),
        animations: 'disabled',
        caret: 'hide',
      })
      await reply.locator('.mermaid-diagram').scrollIntoViewIfNeeded()
      await page.screenshot({
        path: join(SCREENSHOT_DIR, `${scheme}-${width}x${height}-31-diagram.png`),
        animations: 'disabled',
        caret: 'hide',
      })
      expect(watch.violations).toEqual([])
    })
  }
}
