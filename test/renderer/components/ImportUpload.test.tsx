import { createEvent, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import type { FaultyBridge } from '../core/faultyBridge'
import type { TestCore } from '../core/testCore'
import { freshCore } from '../helpers'
import { renameEntries, zipBuffer } from '../../main/services/transfer/zipHelpers'

const MiB = 1024 * 1024

let core: TestCore
let bridge: FaultyBridge

beforeEach(async () => {
  core = await freshCore()
  bridge = core.bridge
  window.history.replaceState(null, '', '/')
})

afterEach(() => vi.restoreAllMocks())

/** An ActiveMirrorOS SDK session file; `padding` makes its one message that many characters long. */
function sdkSession(id: string, title: string, padding = 0): string {
  const at = '2026-12-01T09:00:00.000Z'
  const content = `Hello from ${title}.`.padEnd(padding, ' .')
  return JSON.stringify({
    id,
    title,
    createdAt: at,
    updatedAt: at,
    messages: [{ id: `${id}_m1`, sessionId: id, role: 'user', content, timestamp: at }],
  })
}

/** The bytes each chunk carried, joined (chunks are base64). */
function uploadedBytes(): Buffer {
  const chunks = bridge.callsTo('import.chunk') as Array<{ index: number; data: string }>
  return Buffer.concat(chunks.map((c) => Buffer.from(c.data, 'base64')))
}

describe('large and binary files are uploaded in chunks', () => {
  it('shows a progress bar while importing, then the result in the status', async () => {
    const user = userEvent.setup()
    // Stored uncompressed and bigger than two chunks, with one entry whose path escapes the zip.
    const zip = renameEntries(
      await zipBuffer([
        {
          name: 'a.json',
          content: sdkSession(
            'session_1764800000000_zipbigone',
            'Imported from the zip',
            2.5 * MiB,
          ),
          store: true,
        },
        { name: 'zz/evil', content: 'escape', store: true },
      ]),
      'zz/evil',
      '../evil',
    )
    const heldDone = bridge.holdEvent('import.done')
    render(<App />)
    await user.upload(
      screen.getByLabelText('Import file'),
      new File([new Uint8Array(zip)], 'export.zip'),
    )

    // A zip is binary: never sent as text, but byte for byte in chunks of main's size.
    await screen.findByRole('progressbar', { name: 'Import progress' })
    await waitFor(() => expect(bridge.callsTo('import.commit')).toHaveLength(1), {
      timeout: 10_000,
    })
    expect(bridge.callsTo('import.files')).toEqual([])
    const indexes = bridge.callsTo('import.chunk').map((c) => (c as { index: number }).index)
    expect(indexes.length).toBeGreaterThanOrEqual(2)
    expect(indexes).toEqual(indexes.map((_, i) => i))
    expect(uploadedBytes().equals(zip)).toBe(true)
    // Main's progress events reach the bar; its report is still on the way (held).
    await waitFor(() => {
      const current = screen.getByRole('progressbar', { name: 'Import progress' })
      expect(current.getAttribute('aria-valuetext')).toContain('1 sessions imported')
      expect(Number(current.getAttribute('value'))).toBeGreaterThan(0)
    })

    heldDone()
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(
        /^Imported 1 session\. Could not import export\.zip\/\.\.\/evil: /,
      ),
    )
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument()
    const nav = screen.getByRole('navigation', { name: 'Sessions' })
    expect(await within(nav).findByRole('link', { name: 'Imported from the zip' })).toBeVisible()
  })

  it('Cancel import stops the running import and says so', async () => {
    const user = userEvent.setup()
    // The commit is slow to reach main: the user cancels while the file is still on its way.
    const releaseCommit = bridge.hold('import.commit')
    const big = new File([new Uint8Array([0, 1, 2, 3])], 'conversations.json')
    render(<App />)
    await user.upload(screen.getByLabelText('Import file'), big)
    await user.click(await screen.findByRole('button', { name: 'Cancel import' }))
    releaseCommit()
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(
        /^Imported 0 sessions\. The import was cancelled\.$/,
      ),
    )
    const [upload] = bridge.callsTo('import.chunk') as Array<{ uploadId: string }>
    expect(bridge.callsTo('import.cancel')).toEqual([{ uploadId: upload!.uploadId }])
  })

  it('a file refused at import.begin (too large) is named in the status', async () => {
    const user = userEvent.setup()
    render(<App />)
    // Main checks the declared size before any byte is sent.
    const huge = new File([new Uint8Array([0xff, 0xfe, 0xfd])], 'huge.json')
    Object.defineProperty(huge, 'size', { value: 2 * 1024 * MiB })
    await user.upload(screen.getByLabelText('Import file'), huge)
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(
        /^Imported 0 sessions\. Could not import huge\.json: huge\.json is 2\.0 GB; the largest file ActiveMirror imports is 1\.0 GB\.$/,
      ),
    )
    expect(bridge.callsTo('import.begin')).toHaveLength(1)
    expect(bridge.callsTo('import.chunk')).toEqual([])
  })
})

describe('dragging a session out', () => {
  it('in browser mode falls back to a download when there is no native drag', async () => {
    await core.addSession('Take me with you')
    // The in-process host, like the browser host, has no native drag: main answers NOT_SUPPORTED.
    const created: Blob[] = []
    URL.createObjectURL = vi.fn((blob: Blob) => {
      created.push(blob)
      return 'blob:fake'
    })
    URL.revokeObjectURL = vi.fn()
    const clicks = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    render(<App />)
    const link = await screen.findByRole('link', { name: 'Take me with you' })
    expect(link).toHaveAttribute('draggable', 'true')
    const dataTransfer = { setData: vi.fn(), effectAllowed: 'all', dropEffect: 'none' }
    fireEvent(link, createEvent.dragStart(link, { dataTransfer }))
    expect(dataTransfer.setData).toHaveBeenCalledWith('text/plain', 'Take me with you')
    fireEvent(link, createEvent.dragEnd(link, { dataTransfer }))
    await waitFor(() => expect(clicks).toHaveBeenCalled())
    expect(bridge.callsTo('sessions.startDrag')).toHaveLength(1)
    expect(await created.at(-1)!.text()).toMatch(/"title":\s*"Take me with you"/)
  })
})
