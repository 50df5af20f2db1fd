import { createEvent, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import type { FaultyBridge } from '../core/faultyBridge'
import type { TestCore } from '../core/testCore'
import { freshCore } from '../helpers'

let core: TestCore
let bridge: FaultyBridge

beforeEach(async () => {
  core = await freshCore()
  bridge = core.bridge
  window.history.replaceState(null, '', '/')
})

/** An ActiveMirrorOS SDK session file (docs/import-export.md), as small as it may be. */
function sdkSession(id: string, title: string): string {
  const at = '2026-12-01T09:00:00.000Z'
  return JSON.stringify({
    id,
    title,
    createdAt: at,
    updatedAt: at,
    messages: [
      { id: `${id}_m1`, sessionId: id, role: 'user', content: 'Dear diary', timestamp: at },
    ],
  })
}

describe('Import', () => {
  it('Import opens the file input; chosen files are sent as text and the result is announced', async () => {
    const user = userEvent.setup()
    render(<App />)
    const input = screen.getByLabelText('Import file') as HTMLInputElement
    let opened = false
    input.addEventListener('click', () => (opened = true))
    await user.click(screen.getByRole('button', { name: 'Import' }))
    expect(opened).toBe(true)

    const journal = sdkSession('session_1764800000000_journalx', 'journal')
    const good = new File([journal], 'journal.json', { type: 'application/json' })
    const bad = new File(['hello'], 'notes.txt', { type: 'text/plain' })
    await user.upload(input, [good, bad])

    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(
        'Imported 1 session. Could not import notes.txt: Markdown or text that is not an ActiveMirror or ActiveMirrorOS export (no **Session ID** line).',
      ),
    )
    expect(bridge.callsTo('import.files')).toEqual([
      {
        files: [
          { name: 'journal.json', content: journal },
          { name: 'notes.txt', content: 'hello' },
        ],
      },
    ])
    const nav = screen.getByRole('navigation', { name: 'Sessions' })
    expect(await within(nav).findByRole('link', { name: 'journal' })).toBeInTheDocument()
  })

  it('files dropped anywhere on the window are imported', async () => {
    render(<App />)
    const dropped = sdkSession('session_1764800000001_droppedx', 'Dropped')
    const file = new File([dropped], 'dropped.json', { type: 'application/json' })
    const dataTransfer = { types: ['Files'], files: [file] }
    const drop = createEvent.drop(window, { dataTransfer })
    fireEvent(window, drop)
    expect(drop.defaultPrevented).toBe(true)
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Imported 1 session.'))
    expect(bridge.callsTo('import.files')).toEqual([
      { files: [{ name: 'dropped.json', content: dropped }] },
    ])
  })

  it('a refused import shows an alert', async () => {
    const user = userEvent.setup()
    bridge.fail('import.files', {
      code: 'IMPORT_INVALID',
      message: 'That file is not an ActiveMirror export.',
    })
    render(<App />)
    await user.upload(screen.getByLabelText('Import file'), new File(['x'], 'x.json'))
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'That file is not an ActiveMirror export.',
    )
  })
})
