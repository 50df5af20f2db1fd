import { readFileSync, rmSync, statSync } from 'node:fs'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { writeConversations } from '../main/services/transfer/generateChatGpt'
import { zipBuffer } from '../main/services/transfer/zipHelpers'
import { expect, test } from './fixtures'
import { openApp, sessionItem } from './helpers'

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/import')
const text = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8')

const status = (page: Page) => page.getByRole('status')

// The browser globals used inside page.evaluate (this project type-checks tests without DOM).
interface PageGlobals {
  DataTransfer: new () => { items: { add(file: unknown): void } }
  File: new (parts: string[], name: string) => unknown
  DragEvent: new (type: string, init: object) => unknown
  dispatchEvent(event: unknown): boolean
}

/** A real drop: File objects in a DataTransfer, dispatched on the window like the OS does. */
async function dropFiles(page: Page, files: Array<{ name: string; content: string }>) {
  await page.evaluate((list) => {
    const w = globalThis as unknown as PageGlobals
    const data = new w.DataTransfer()
    for (const f of list) data.items.add(new w.File([f.content], f.name))
    for (const type of ['dragenter', 'dragover', 'drop']) {
      w.dispatchEvent(
        new w.DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }),
      )
    }
  }, files)
}

test('dropping an SDK store and a ChatGPT export on the window imports them', async ({
  page,
  host,
}) => {
  await openApp(page, host)
  await dropFiles(page, [
    { name: 'index.json', content: text('sdk-store/index.json') },
    { name: 'a.json', content: text('sdk-store/session_1732000000000_st0re0001.json') },
    { name: 'b.json', content: text('sdk-store/session_1732000600000_st0re0002.json') },
    { name: 'conversations.json', content: text('chatgpt/conversations.json') },
  ])
  await expect(status(page)).toHaveText('Imported 5 sessions.')
  for (const title of [
    'Store: morning pages',
    'Planning a shade garden',
    'A visible system note',
  ]) {
    await expect(sessionItem(page, title)).toBeVisible()
  }
  await page.getByRole('link', { name: 'Planning a shade garden' }).click()
  const log = page.getByRole('log', { name: 'Messages' })
  await expect(log.getByText('About 16 ferns, spaced 50 cm apart.')).toBeVisible()
  await expect(log.getByText('REGENERATED AWAY')).toHaveCount(0)
})

test('the Import button takes a ChatGPT zip and a Python SDK Markdown export', async ({
  page,
  host,
}) => {
  await openApp(page, host)
  const zip = await zipBuffer([
    { name: 'chat.html', content: '<html></html>' },
    { name: 'conversations.json', content: text('chatgpt/conversations.json') },
  ])
  await page.getByLabel('Import file').setInputFiles([
    { name: 'chatgpt-export.zip', mimeType: 'application/zip', buffer: zip },
    {
      name: 'letters.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from(text('python-sdk-session.md')),
    },
  ])
  await expect(status(page)).toHaveText('Imported 4 sessions.')
  await expect(sessionItem(page, 'Python SDK: letters to a future self')).toBeVisible()
  await expect(sessionItem(page, 'A visible system note')).toBeVisible()

  // The same zip again: nothing is duplicated.
  await page
    .getByLabel('Import file')
    .setInputFiles([{ name: 'chatgpt-export.zip', mimeType: 'application/zip', buffer: zip }])
  await expect(status(page)).toContainText(
    'Imported 0 sessions. Skipped chatgpt-export.zip/conversations.json',
  )
  await expect(
    page
      .getByRole('navigation', { name: 'Sessions' })
      .getByRole('link', { name: 'A visible system note' }),
  ).toHaveCount(1)
})

test('a bad file shows its error, naming the file', async ({ page, host }) => {
  await openApp(page, host)
  await page.getByLabel('Import file').setInputFiles([
    {
      name: 'photo.json',
      mimeType: 'application/json',
      buffer: readFileSync(path.join(FIXTURES, 'bad/binary.png')),
    },
    {
      name: 'notes.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from(text('bad/not-an-export.md')),
    },
  ])
  await expect(status(page)).toContainText(
    'Could not import notes.md: Markdown or text that is not an ActiveMirror or ActiveMirrorOS export',
  )
  await expect(status(page)).toContainText(
    'Could not import photo.json: a binary file, not an export',
  )
})

test('a large export shows a progress bar and can be cancelled', async ({ page, host }) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'amos-e2e-large-'))
  try {
    const file = path.join(dir, 'conversations.json')
    await writeConversations(file, 4 * 1024 * 1024)
    expect(statSync(file).size).toBeGreaterThan(4 * 1024 * 1024)
    await openApp(page, host)
    await page.getByLabel('Import file').setInputFiles(file)
    const bar = page.getByRole('progressbar', { name: 'Import progress' })
    await expect(bar).toBeVisible()
    await expect(bar).toHaveAttribute('aria-valuetext', /Importing conversations\.json: \d+%/)
    await page.getByRole('button', { name: 'Cancel import' }).click()
    await expect(status(page)).toContainText('The import was cancelled.')
    await expect(bar).toHaveCount(0)
    const imported = Number(
      /Imported (\d+) session/.exec((await status(page).textContent()) ?? '')?.[1],
    )
    await expect(
      page
        .getByRole('navigation', { name: 'Sessions' })
        .getByRole('link', { name: /^Generated \d+$/ }),
    ).toHaveCount(Math.min(imported, 50))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
