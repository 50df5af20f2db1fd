import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'
import type { Page, TestInfo } from '@playwright/test'
import { dropFiles } from './dropFiles'
import type { RunningHost } from './fixtures'
import { expect, startHost, test } from './fixtures'
import { createSession, messages, openApp, replies, runAmos, waitForReply } from './helpers'
import type { OpenAiServer } from './openAiServer'
import { startOpenAiServer } from './openAiServer'

// Provider settings live beside the keychain: a private service name, never the user's.
process.env.AMOS_KEYCHAIN_SERVICE = `ActiveMirror-e2e-${randomUUID()}`

/** Kept after the run (outside Playwright's output folder); never committed. */
const SCREENSHOT_DIR = join('test-results', 'screenshots')

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff
  for (const byte of bytes) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1
  }
  return (crc ^ 0xffffffff) >>> 0
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** A real RGB PNG of a soft gradient (something for the viewer to show). */
function gradientPng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8
  header[9] = 2
  const rows: number[] = []
  for (let y = 0; y < height; y++) {
    rows.push(0)
    for (let x = 0; x < width; x++) {
      rows.push(Math.round((x / width) * 200) + 40, Math.round((y / height) * 160) + 60, 190)
    }
  }
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.from(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

const PICTURE = gradientPng(640, 400)
const NOTES = Buffer.from('# Trip notes\n- train at 9:10\n- bring the charger\n')

let server: OpenAiServer
let host: RunningHost
let dataDir: string

// A model known not to read images as the default, and one that can, both set up before the host
// starts, as a user who configured them earlier would have them.
test.beforeEach(async () => {
  server = await startOpenAiServer(['gpt-4o'])
  server.setMode({ kind: 'stream', texts: ['A gradient, ', 'from green to blue.'] })
  dataDir = mkdtempSync(join(tmpdir(), 'amos-e2e-vision-'))
  const base = ['providers', 'add']
  await runAmos(dataDir, [
    ...base,
    'blind',
    '--type',
    'ollama',
    '--base-url',
    'http://127.0.0.1:9',
    '--model',
    'llama3.1',
  ])
  await runAmos(dataDir, [
    ...base,
    'eye',
    '--type',
    'openai-compatible',
    '--base-url',
    server.baseUrl,
    '--model',
    'gpt-4o',
  ])
  await runAmos(dataDir, ['providers', 'use', 'blind'])
  host = await startHost(dataDir, 0)
})

test.afterEach(async () => {
  await host.stop()
  await server.close()
  rmSync(dataDir, { recursive: true, force: true })
  expect(host.contractViolations()).toEqual([])
})

const SIZES = [
  { name: '1280x800', width: 1280, height: 800 },
  { name: '800x600', width: 800, height: 600 },
] as const

/** Every screen in light and dark, at both window sizes. */
async function shootAll(
  page: Page,
  testInfo: TestInfo,
  name: string,
  /** Run after each resize (a drag's overlay follows the layout at the next dragover). */
  afterResize?: () => Promise<void>,
): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' })
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height })
      await afterResize?.()
      const file = join(SCREENSHOT_DIR, `attachments-${name}-${scheme}-${size.name}.png`)
      const body = await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' })
      await testInfo.attach(`${name}-${scheme}-${size.name}`, { body, contentType: 'image/png' })
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 })
}

async function attach(page: Page): Promise<void> {
  const chooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: 'Attach files' }).click()
  await (
    await chooser
  ).setFiles([
    { name: 'gradient.png', mimeType: 'image/png', buffer: PICTURE },
    { name: 'trip-notes.md', mimeType: 'text/markdown', buffer: NOTES },
  ])
  const chips = page
    .getByRole('form', { name: 'Compose a message' })
    .getByRole('list', { name: 'Attachments' })
    .getByRole('listitem')
  await expect(chips).toHaveCount(2)
  await expect(chips.first()).not.toHaveAttribute('aria-busy', 'true')
  await expect(chips.last()).not.toHaveAttribute('aria-busy', 'true')
}

test('a model without vision asks; picking one that reads images sends the picture to it', async ({
  page,
}, testInfo) => {
  await openApp(page, host)
  await createSession(page, 'Holiday pictures')
  await attach(page)
  const box = page.getByRole('textbox', { name: 'Message' })
  await box.fill('What colours are in this picture?')
  await box.press('Enter')

  const dialog = page.getByRole('dialog', { name: 'llama3.1 cannot see images' })
  await expect(dialog).toContainText('gradient.png')
  await expect(dialog.getByRole('button', { name: 'Send without images' })).toBeFocused()
  // Nothing was sent: the text and the files wait in the composer.
  await expect(messages(page).getByRole('article')).toHaveCount(0)
  await shootAll(page, testInfo, 'no-vision')

  await dialog.getByRole('button', { name: /^Use .*\(gpt-4o\)$/ }).click()
  await waitForReply(page, 1)
  await expect(replies(page).first()).toContainText('A gradient, from green to blue.')
  await expect(page.getByLabel('Session provider')).toHaveValue('eye')
  // The image reached the model as an image_url part with the exact bytes.
  const sent = JSON.stringify(server.chats.at(-1)?.body.messages)
  expect(sent).toContain(`data:image/png;base64,${PICTURE.toString('base64')}`)
  expect(sent).toContain('[Attached file: trip-notes.md]')

  // The thread's thumbnail, with new files staged for the next message.
  const thumbnail = messages(page).getByRole('button', { name: 'View gradient.png' })
  await expect(thumbnail).toBeEnabled()
  await attach(page)
  await shootAll(page, testInfo, 'thread-and-chips')

  // Files dragged over the composer: the overlay says they will be attached.
  const message = 'textarea[aria-label="Message"]'
  const dragged = [{ name: 'more.png', data: [...PICTURE.subarray(0, 64)] }]
  await dropFiles(page, message, dragged, ['dragenter', 'dragover'])
  await expect(page.locator('.drop-overlay')).toHaveText('Drop to attach')
  await shootAll(page, testInfo, 'drop-attach', () =>
    dropFiles(page, message, dragged, ['dragover']),
  )
  await dropFiles(page, message, dragged, ['dragleave'])
  await expect(page.locator('.drop-overlay')).toHaveCount(0)

  await thumbnail.click()
  const viewer = page.getByRole('dialog', { name: 'gradient.png' })
  await expect(viewer.getByRole('img', { name: 'gradient.png' })).toBeVisible()
  await shootAll(page, testInfo, 'viewer')
  await page.keyboard.press('Escape')
  await expect(viewer).toHaveCount(0)
})
