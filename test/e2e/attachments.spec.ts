import { readFileSync } from 'node:fs'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import type { PageGlobals } from './dropFiles'
import { dropFiles } from './dropFiles'
import { createSession, messages, openApp, replies, sessionExport, waitForReply } from './helpers'

// A real 4×4 PNG: main decides the kind by the bytes, never by the name.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAJ0lEQVR4nAXBgQAAAADCsIMFFlgQx2oDDBaHEBMbF6Gmtq7CzOzcPBfyF8E4xU6ZAAAAAElFTkSuQmCC',
  'base64',
)

const composer = (page: Page) => page.getByRole('form', { name: 'Compose a message' })
const chips = (page: Page) =>
  composer(page).getByRole('list', { name: 'Attachments' }).getByRole('listitem')

async function expectChip(page: Page, name: string, size: string, image: boolean) {
  const chip = chips(page).filter({ hasText: name })
  await expect(chip).toContainText(size)
  await expect(chip).not.toHaveAttribute('aria-busy', 'true')
  const thumbnail = chip.locator('img')
  if (!image) return expect(thumbnail).toHaveCount(0)
  // Drawn, not just present: the object URL of the File the page holds loaded.
  await expect
    .poll(() =>
      thumbnail.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    )
    .toBe(4)
}

/** A File built in the page from bytes, pasted into the message box as the clipboard does. */
async function pastePng(page: Page, name: string, bytes: Buffer) {
  await page.evaluate(
    ({ name, data }) => {
      const w = globalThis as unknown as PageGlobals
      const transfer = new w.DataTransfer()
      transfer.items.add(new w.File([w.Uint8Array.from(data)], name, { type: 'image/png' }))
      const box = w.document.querySelector('textarea[aria-label="Message"]')
      box?.dispatchEvent(
        new w.ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
      )
    },
    { name, data: [...bytes] },
  )
}

function lastUserMessage(page: Page): Locator {
  return messages(page).getByRole('article', { name: 'user message' }).last()
}

test('attach by button, paste and drop; remove; send; thumbnail, viewer and exact save', async ({
  page,
  host,
}) => {
  await openApp(page, host)
  await createSession(page, 'Screenshots')

  // The paperclip opens the file picker.
  const chooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: 'Attach files' }).click()
  await (await chooser).setFiles([{ name: 'shot.png', mimeType: 'image/png', buffer: PNG }])
  await expectChip(page, 'shot.png', `${PNG.length} bytes`, true)

  await pastePng(page, 'pasted.png', PNG)
  await expectChip(page, 'pasted.png', `${PNG.length} bytes`, true)

  // While dragging over the composer, the overlay says the files will be attached.
  const notes = { name: 'notes.md', data: [...Buffer.from('# Notes\n- one\n')] }
  await dropFiles(page, 'textarea[aria-label="Message"]', [notes], ['dragenter', 'dragover'])
  await expect(page.locator('.drop-overlay')).toHaveText('Drop to attach')
  await dropFiles(page, 'textarea[aria-label="Message"]', [notes], ['drop'])
  await expectChip(page, 'notes.md', '14 bytes', false)
  await expect(chips(page)).toHaveCount(3)

  await chips(page)
    .filter({ hasText: 'pasted.png' })
    .getByRole('button', { name: 'Remove attachment' })
    .click()
  await expect(chips(page)).toHaveCount(2)

  const box = page.getByRole('textbox', { name: 'Message' })
  await box.fill('What do you see?')
  await box.press('Enter')
  await waitForReply(page, 1)
  await expect(chips(page)).toHaveCount(0)
  // The offline engine acknowledges the files by name and size.
  await expect(replies(page).first()).toContainText(
    `You attached shot.png (${PNG.length} bytes) and notes.md (14 bytes).`,
  )

  const mine = lastUserMessage(page)
  const thumbnail = mine.getByRole('button', { name: 'View shot.png' })
  await expect(thumbnail).toBeEnabled()
  await thumbnail.click()
  const viewer = page.getByRole('dialog', { name: 'shot.png' })
  await expect(viewer.getByRole('img', { name: 'shot.png' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(viewer).toHaveCount(0)
  await expect(thumbnail).toBeFocused()

  // Save attachment hands over exactly the bytes that were attached.
  const item = mine.getByRole('listitem').filter({ hasText: 'shot.png' })
  const downloading = page.waitForEvent('download')
  await item.getByRole('button', { name: 'Save attachment' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toBe('shot.png')
  expect(readFileSync(await download.path())).toEqual(PNG)

  const notesItem = mine.getByRole('listitem').filter({ hasText: 'notes.md' })
  const notesDownload = page.waitForEvent('download')
  await notesItem.getByRole('button', { name: 'Save attachment' }).click()
  expect(readFileSync(await (await notesDownload).path()).toString()).toBe('# Notes\n- one\n')

  // "What the model saw" lists them, with how they were sent.
  await replies(page).first().getByRole('button', { name: 'What the model saw' }).click()
  const context = page.getByRole('dialog', { name: 'What the model saw' })
  await expect(context).toContainText('shot.png (')
  await expect(context).toContainText('named only (name and size)')
  await page.keyboard.press('Escape')
})

test('a file too large or of a wrong type shows why and gets no chip', async ({ page, host }) => {
  await openApp(page, host)
  await createSession(page, 'Refusals')
  const chooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: 'Attach files' }).click()
  await (
    await chooser
  ).setFiles([
    { name: 'huge.txt', mimeType: 'text/plain', buffer: Buffer.alloc(2 * 1024 * 1024 + 10, 'a') },
    {
      name: 'archive.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0xff, 0xfe]),
    },
  ])
  const errors = composer(page).getByRole('alert')
  await expect(errors).toContainText(
    'huge.txt is too large to attach (2.0 MB; a text file can be at most 2.0 MB).',
  )
  await expect(errors).toContainText('archive.zip cannot be attached')
  await expect(composer(page).getByRole('list', { name: 'Attachments' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled()
})

test('dropping files elsewhere on the window still imports them', async ({ page, host }) => {
  await openApp(page, host)
  await createSession(page, 'Drop target')
  const content = sessionExport('sess_dropped0001', 'Dropped in', [
    { role: 'user', content: 'hello' },
  ])
  await dropFiles(
    page,
    null,
    [{ name: 'dropped.json', data: [...Buffer.from(content)] }],
    ['dragenter', 'dragover'],
  )
  await expect(page.locator('.drop-overlay')).toHaveText('Drop to import conversations')
  await dropFiles(page, null, [{ name: 'dropped.json', data: [...Buffer.from(content)] }], ['drop'])
  await expect(page.getByRole('status')).toHaveText('Imported 1 session.')
  await expect(composer(page).getByRole('list', { name: 'Attachments' })).toHaveCount(0)
})
