import { createEvent, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import type { FakeBridge } from '../fakeBridge'
import { freshBridge } from '../helpers'

let bridge: FakeBridge

beforeEach(() => {
  bridge = freshBridge()
  window.history.replaceState(null, '', '/')
})

afterEach(() => vi.restoreAllMocks())

/** main's side of the chunked upload, recording what arrived. */
function acceptUploads(chunkBytes: number) {
  const received: string[] = []
  bridge.handle('import.begin', () => ({ uploadId: 'upload_1', chunkBytes }))
  bridge.handle('import.chunk', (input) => {
    received.push(atob(input.data))
    return { received: received.join('').length }
  })
  return received
}

describe('large and binary files are uploaded in chunks', () => {
  it('shows a progress bar while importing, then the result in the status', async () => {
    const user = userEvent.setup()
    const received = acceptUploads(4)
    let commit: (() => void) | null = null
    bridge.handle('import.commit', (input) => {
      commit = () => {
        bridge.emit('import.progress', {
          uploadId: input.uploadId,
          bytesRead: 5,
          total: 10,
          sessionsImported: 1,
        })
      }
      return { uploadId: input.uploadId }
    })
    render(<App />)
    // A zip is binary: never sent as text.
    const zip = new File([new Uint8Array([0x50, 0x4b, 3, 4, 0xff, 0xfe, 0, 1, 2, 3])], 'export.zip')
    await user.upload(screen.getByLabelText('Import file'), zip)
    await waitFor(() => expect(commit).not.toBeNull())
    expect(received.join('')).toBe('PK\u0003\u0004\u00ff\u00fe\u0000\u0001\u0002\u0003')
    expect(bridge.callsTo('import.chunk').map((c) => (c as { index: number }).index)).toEqual([
      0, 1, 2,
    ])
    expect(bridge.callsTo('import.files')).toEqual([])
    commit!()
    const bar = await screen.findByRole('progressbar', { name: 'Import progress' })
    expect(bar).toHaveAttribute('value', '50')
    expect(bar.getAttribute('aria-valuetext')).toContain('1 sessions imported')

    bridge.addSession('Imported from the zip')
    bridge.emit('import.done', {
      uploadId: 'upload_1',
      report: {
        imported: [{ file: 'export.zip/a.json', sessionId: 's1', title: 'Imported from the zip' }],
        skipped: [],
        failed: [{ file: 'export.zip/../evil', code: 'IMPORT_INVALID', reason: 'unsafe path' }],
      },
    })
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(
        'Imported 1 session. Could not import export.zip/../evil: unsafe path.',
      ),
    )
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument()
    const nav = screen.getByRole('navigation', { name: 'Sessions' })
    expect(await within(nav).findByRole('link', { name: 'Imported from the zip' })).toBeVisible()
  })

  it('Cancel import stops the running import and says so', async () => {
    const user = userEvent.setup()
    acceptUploads(1024)
    bridge.handle('import.commit', (input) => {
      queueMicrotask(() =>
        bridge.emit('import.progress', {
          uploadId: input.uploadId,
          bytesRead: 1,
          total: 4,
          sessionsImported: 0,
        }),
      )
      return { uploadId: input.uploadId }
    })
    bridge.handle('import.cancel', (input) => {
      queueMicrotask(() =>
        bridge.emit('import.done', {
          uploadId: input.uploadId,
          report: { imported: [], skipped: [], failed: [], cancelled: true },
        }),
      )
      return { cancelled: true }
    })
    render(<App />)
    const big = new File([new Uint8Array([0, 1, 2, 3])], 'conversations.json')
    await user.upload(screen.getByLabelText('Import file'), big)
    await user.click(await screen.findByRole('button', { name: 'Cancel import' }))
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(
        'Imported 0 sessions. The import was cancelled.',
      ),
    )
    expect(bridge.callsTo('import.cancel')).toEqual([{ uploadId: 'upload_1' }])
  })

  it('a file refused at import.begin (too large) is named in the status', async () => {
    const user = userEvent.setup()
    bridge.fail('import.begin', {
      code: 'IMPORT_INVALID',
      message: 'huge.json is 2.0 GB; the largest file ActiveMirror imports is 1.0 GB.',
    })
    render(<App />)
    await user.upload(
      screen.getByLabelText('Import file'),
      new File([new Uint8Array([0xff, 0xfe, 0xfd])], 'huge.json'),
    )
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(
        'Could not import huge.json: huge.json is 2.0 GB; the largest file ActiveMirror imports is 1.0 GB.',
      ),
    )
    expect(bridge.callsTo('import.chunk')).toEqual([])
  })
})

describe('dragging a session out', () => {
  it('in browser mode falls back to a download when there is no native drag', async () => {
    bridge.addSession('Take me with you')
    bridge.fail('sessions.startDrag', { code: 'NOT_SUPPORTED', message: 'Desktop only.' })
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
    expect(await created.at(-1)!.text()).toContain('"title":"Take me with you"')
  })
})
