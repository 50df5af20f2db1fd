import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import { pdfBytes, pngBytes } from '../../main/attachments/fixtures'
import { readZip } from '../../main/services/transfer/zipRead'
import type { TestCore } from '../core/testCore'
import { freshCore } from '../helpers'

let core: TestCore
const offlineDelay = process.env.AMOS_OFFLINE_DELAY_MS
const png = pngBytes(4)
const pdf = pdfBytes('Menu export')
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

afterAll(() => {
  if (offlineDelay === undefined) delete process.env.AMOS_OFFLINE_DELAY_MS
  else process.env.AMOS_OFFLINE_DELAY_MS = offlineDelay
})

beforeEach(async () => {
  process.env.AMOS_OFFLINE_DELAY_MS = '0'
  core = await freshCore()
  window.history.replaceState(null, '', '/')
})

afterEach(() => {
  vi.restoreAllMocks()
})

async function sessionWithFiles(title: string, sensitive = false) {
  const session = await core.addSession(title)
  const staged = [
    core.mirror.attachments.stage('shot.png', png),
    core.mirror.attachments.stage('report.pdf', pdf),
  ]
  const sent = await core.mirror.chat.send({
    sessionId: session.id,
    text: 'Here are my files',
    pattern: 'exploratory',
    uncertainty: 'none',
    sensitive,
    attachments: staged.map((s) => s.stagedId),
  })
  await sent.completion
  return session
}

/** Blobs handed to the browser's download machinery, with the name each was saved as. */
function captureDownloads(): Array<{ blob: Blob; name: string }> {
  const blobs: Blob[] = []
  const saved: Array<{ blob: Blob; name: string }> = []
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    blobs.push(blob as Blob)
    return `blob:jsdom/download-${blobs.length}`
  })
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    const index = Number(this.href.split('-').pop()) - 1
    saved.push({ blob: blobs[index]!, name: this.download })
  })
  return saved
}

function bytesOf(blob: Blob): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(Buffer.from(reader.result as ArrayBuffer))
    reader.onerror = () => reject(reader.error ?? new Error('read failed'))
    reader.readAsArrayBuffer(blob)
  })
}

async function entriesOf(blob: Blob): Promise<Map<string, Buffer>> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'amos-zip-')), 'download.zip')
  fs.writeFileSync(file, await bytesOf(blob))
  return readZip(file)
}

async function exportFromMenu(title: string, item: string) {
  const nav = screen.getByRole('navigation', { name: 'Sessions' })
  const link = await within(nav).findByRole('link', { name: title })
  await userEvent.click(
    within(link.closest('li')!).getByRole('button', { name: 'Session actions' }),
  )
  await userEvent.click(within(screen.getByRole('menu')).getByRole('menuitem', { name: item }))
}

describe('Session zip export', () => {
  it('"Export as zip (with attachments)" downloads the JSON and every file', async () => {
    await sessionWithFiles('Holiday')
    const downloads = captureDownloads()
    render(<App />)
    await exportFromMenu('Holiday', 'Export as zip (with attachments)')
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent('Exported Holiday.zip.'),
    )
    expect(downloads.map((d) => d.name)).toEqual(['Holiday.zip'])
    expect(downloads[0]!.blob.type).toBe('application/zip')
    const entries = await entriesOf(downloads[0]!.blob)
    expect([...entries.keys()].sort()).toEqual(
      [
        'Holiday.json',
        `attachments/${sha(png)}-shot.png`,
        `attachments/${sha(pdf)}-report.pdf`,
      ].sort(),
    )
    expect(entries.get(`attachments/${sha(png)}-shot.png`)).toEqual(png)
    expect(entries.get(`attachments/${sha(pdf)}-report.pdf`)).toEqual(pdf)
  })

  it('"Export as Markdown zip" downloads the Markdown linking the files', async () => {
    await sessionWithFiles('Notes')
    const downloads = captureDownloads()
    render(<App />)
    await exportFromMenu('Notes', 'Export as Markdown zip')
    await waitFor(() => expect(downloads.map((d) => d.name)).toEqual(['Notes (Markdown).zip']))
    const entries = await entriesOf(downloads[0]!.blob)
    expect(entries.get('Notes.md')!.toString('utf8')).toContain(
      `(attachments/${sha(pdf)}-report.pdf)`,
    )
    expect(entries.get(`attachments/${sha(pdf)}-report.pdf`)).toEqual(pdf)
  })

  it('sensitive messages go as placeholders without their files, and the notice says so', async () => {
    await core.setUpVault('renderer vault password')
    await sessionWithFiles('Private', true)
    const downloads = captureDownloads()
    render(<App />)
    await exportFromMenu('Private', 'Export as zip (with attachments)')
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(
        'Exported Private.zip. 2 sensitive messages are placeholders, without their files.',
      ),
    )
    const entries = await entriesOf(downloads[0]!.blob)
    expect([...entries.keys()]).toEqual(['Private.json'])
  })

  it('a session gone meanwhile: an alert, no download', async () => {
    const session = await sessionWithFiles('Gone')
    const downloads = captureDownloads()
    render(<App />)
    const nav = screen.getByRole('navigation', { name: 'Sessions' })
    await within(nav).findByRole('link', { name: 'Gone' })
    await core.mirror.storage.deleteSession(session.id)
    await exportFromMenu('Gone', 'Export as zip (with attachments)')
    expect(await screen.findByRole('alert')).toHaveTextContent(`No session with id ${session.id}.`)
    expect(downloads).toEqual([])
  })
})
