import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import { useUiStore } from '../../../src/renderer/src/stores/uiStore'
import { pdfBytes, pngBytes } from '../../main/attachments/fixtures'
import type { TestCore } from '../core/testCore'
import { freshCore } from '../helpers'

let core: TestCore
const offlineDelay = process.env.AMOS_OFFLINE_DELAY_MS

afterAll(() => {
  if (offlineDelay === undefined) delete process.env.AMOS_OFFLINE_DELAY_MS
  else process.env.AMOS_OFFLINE_DELAY_MS = offlineDelay
})

beforeEach(async () => {
  process.env.AMOS_OFFLINE_DELAY_MS = '0'
  core = await freshCore()
  window.history.replaceState(null, '', '/')
})

const PASSWORD = 'renderer vault password'

/** A session whose first message carries `files`, sent through the real core. */
async function sessionWithFiles(
  title: string,
  files: Array<{ name: string; bytes: Uint8Array }>,
  options: { sensitive?: boolean } = {},
) {
  const session = await core.addSession(title)
  const staged = files.map((f) => core.mirror.attachments.stage(f.name, f.bytes))
  const sent = await core.mirror.chat.send({
    sessionId: session.id,
    text: 'Here are my files',
    pattern: 'exploratory',
    uncertainty: 'none',
    sensitive: options.sensitive ?? false,
    attachments: staged.map((s) => s.stagedId),
  })
  await sent.completion
  return session
}

async function openUserMessage(title: string): Promise<HTMLElement> {
  render(<App />)
  await userEvent.click(await screen.findByRole('link', { name: title }))
  const log = await screen.findByRole('log', { name: 'Messages' })
  return within(log).findByRole('article', { name: 'user message' })
}

const reads = () => core.bridge.callsTo('attachments.read') as Array<{ id: string }>

describe('attachments in the thread', () => {
  it('an image thumbnail opens the viewer (Esc closes, focus returns); a PDF shows its text', async () => {
    await sessionWithFiles('Files', [
      { name: 'shot.png', bytes: pngBytes(1) },
      { name: 'report.pdf', bytes: pdfBytes('Quarterly figures went up') },
    ])
    const user = userEvent.setup()
    const message = await openUserMessage('Files')
    const thumbnail = await within(message).findByRole('button', { name: 'View shot.png' })
    await waitFor(() => expect(thumbnail).toBeEnabled())
    expect(message).toHaveTextContent('report.pdf')
    expect(within(message).getAllByRole('button', { name: 'Save attachment' })).toHaveLength(2)
    // Only the image is read (for its thumbnail); the PDF waits until it is asked for.
    expect(reads()).toHaveLength(1)

    await user.click(thumbnail)
    const viewer = screen.getByRole('dialog', { name: 'shot.png' })
    expect(within(viewer).getByRole('img', { name: 'shot.png' })).toBeInTheDocument()
    // The bytes read for the thumbnail are reused.
    expect(reads()).toHaveLength(1)
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog', { name: 'shot.png' })).toBeNull()
    expect(thumbnail).toHaveFocus()

    await user.click(within(message).getByRole('button', { name: 'View text' }))
    const text = await screen.findByRole('dialog', { name: 'Text of report.pdf' })
    await within(text).findByText(/Quarterly figures went up/)
  })

  it('a sensitive message’s files while the vault is locked: a placeholder, nothing read, no alert', async () => {
    await core.setUpVault(PASSWORD)
    await sessionWithFiles('Secret', [{ name: 'private.png', bytes: pngBytes(2) }], {
      sensitive: true,
    })
    core.mirror.vault.lock('manual')
    const message = await openUserMessage('Secret')
    await within(message).findByText(/1 attachment, locked in the vault/)
    expect(within(message).queryByRole('button', { name: /View/ })).toBeNull()
    expect(reads()).toHaveLength(0)
    expect(useUiStore.getState().alerts).toEqual([])
  })

  it('locking forgets a sensitive file read before; unlocking reads it again', async () => {
    await core.setUpVault(PASSWORD)
    await sessionWithFiles('Sealed', [{ name: 'private.png', bytes: pngBytes(4) }], {
      sensitive: true,
    })
    const message = await openUserMessage('Sealed')
    const thumbnail = await within(message).findByRole('button', { name: 'View private.png' })
    await waitFor(() => expect(thumbnail).toBeEnabled())
    expect(reads()).toHaveLength(1)

    core.mirror.vault.lock('manual')
    await within(message).findByText(/1 attachment, locked in the vault/)
    await core.mirror.vault.unlock(PASSWORD)
    const again = await within(message).findByRole('button', { name: 'View private.png' })
    await waitFor(() => expect(again).toBeEnabled())
    expect(reads()).toHaveLength(2)
  })

  it('an edited message keeps its files on the new version', async () => {
    await sessionWithFiles('Edited', [{ name: 'shot.png', bytes: pngBytes(3) }])
    const user = userEvent.setup()
    const message = await openUserMessage('Edited')
    await user.click(within(message).getByRole('button', { name: 'Edit' }))
    const log = screen.getByRole('log', { name: 'Messages' })
    const box = within(log).getByRole('textbox', { name: 'Edit message' })
    await user.clear(box)
    await user.type(box, 'What is in this picture?')
    await user.click(within(log).getByRole('button', { name: 'Save and send' }))
    await waitFor(() => {
      const edited = within(log).getByRole('article', { name: 'user message' })
      expect(edited).toHaveTextContent('What is in this picture?')
      expect(within(edited).getByRole('button', { name: 'View shot.png' })).toBeInTheDocument()
    })
  })
})
