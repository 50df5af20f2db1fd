import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import { freshPageEachTest, openSession } from './page'

const core = freshPageEachTest({ fastOffline: true })

// A real 1×1 PNG: main recognises images by their bytes, not their names.
const PNG = Uint8Array.from(
  atob(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  ),
  (c) => c.charCodeAt(0),
)

const png = (name = 'screen.png') => new File([PNG], name, { type: 'image/png' })

function attachInput(): HTMLInputElement {
  const button = screen.getByRole('button', { name: 'Attach files' })
  const input = button.parentElement?.querySelector<HTMLInputElement>('input[type="file"]')
  if (!input) throw new Error('no file input beside the Attach files button')
  return input
}

function chips(): HTMLElement[] {
  const list = screen.queryByRole('list', { name: 'Attachments' })
  return list ? within(list).getAllByRole('listitem') : []
}

/** The composer's chip list (the thread has its own lists, inside messages). */
function composerChips(): HTMLElement[] {
  const form = screen.getByRole('form', { name: 'Compose a message' })
  const list = within(form).queryByRole('list', { name: 'Attachments' })
  return list ? within(list).getAllByRole('listitem') : []
}

async function openComposer(title = 'Files') {
  await core().addSession(title)
  render(<App />)
  return openSession(title)
}

async function expectReadyChip(name: string, size: string) {
  await waitFor(() => expect(composerChips()).toHaveLength(1))
  const chip = composerChips()[0]!
  expect(chip).toHaveTextContent(name)
  expect(chip).toHaveTextContent(size)
  await waitFor(() => expect(chip).not.toHaveAttribute('aria-busy'))
}

describe('Attaching files in the composer', () => {
  it('the paperclip stages a file, the chip shows it, Send carries it and the thread shows it', async () => {
    const box = await openComposer()
    const user = userEvent.setup()
    await user.upload(attachInput(), png())
    await expectReadyChip('screen.png', `${PNG.length} bytes`)
    // An image chip has its thumbnail.
    expect(composerChips()[0]!.querySelector('img.attachment-chip-thumb')).not.toBeNull()
    expect(core().bridge.callsTo('attachments.begin')).toEqual([
      { name: 'screen.png', size: PNG.length },
    ])

    await user.type(box, 'What is this?{Enter}')
    await waitFor(() => expect(core().bridge.callsTo('chat.send')).toHaveLength(1))
    const sent = core().bridge.callsTo('chat.send')[0] as { attachments: string[] }
    expect(sent.attachments).toHaveLength(1)
    expect(sent.attachments[0]).toMatch(/^staged_/)
    await waitFor(() => expect(composerChips()).toHaveLength(0))

    const log = screen.getByRole('log', { name: 'Messages' })
    // In the stored message (the one shown while sending is replaced by it).
    await waitFor(() => {
      const mine = within(log).getByRole('article', { name: 'user message' })
      expect(mine.dataset.messageId).not.toMatch(/^local:/)
      expect(within(mine).getByRole('button', { name: 'View screen.png' })).toBeEnabled()
      expect(within(mine).getByRole('button', { name: 'Save attachment' })).toBeVisible()
    })
    const reply = await within(log).findByRole('article', { name: 'assistant message' })
    await waitFor(() =>
      expect(reply).toHaveTextContent(`You attached screen.png (${PNG.length} bytes)`),
    )
  })

  it('a file of an unsupported type gets an error naming it and no chip; Send stays off', async () => {
    await openComposer()
    const user = userEvent.setup()
    const zip = new File([Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0, 0, 0])], 'notes.zip')
    await user.upload(attachInput(), zip)
    const alert = await screen.findByText(/notes\.zip cannot be attached/)
    expect(alert).toHaveTextContent('only images (PNG, JPEG, WebP, GIF), PDFs and text files')
    await waitFor(() => expect(chips()).toHaveLength(0))
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled()
  })

  it('more than ten files: the eleventh is refused by name, ten chips stay', async () => {
    await openComposer()
    const user = userEvent.setup()
    const files = Array.from({ length: 11 }, (_, i) => new File([`note ${i}`], `n${i}.txt`))
    await user.upload(attachInput(), files)
    await screen.findByText('n10.txt was not attached: a message can carry at most 10 files.')
    await waitFor(() => expect(composerChips()).toHaveLength(10))
  })

  it('Remove attachment drops the chip and the staged file in main', async () => {
    await openComposer()
    const user = userEvent.setup()
    await user.upload(attachInput(), png())
    await expectReadyChip('screen.png', 'bytes')
    await user.click(screen.getByRole('button', { name: 'Remove attachment' }))
    expect(composerChips()).toHaveLength(0)
    await waitFor(() => expect(core().bridge.callsTo('attachments.discard')).toHaveLength(1))
  })

  it('pasting an image attaches it', async () => {
    const box = await openComposer()
    fireEvent.paste(box, { clipboardData: { files: [png('pasted.png')], types: ['Files'] } })
    await expectReadyChip('pasted.png', 'bytes')
  })

  it('dropping files on the composer attaches them and imports nothing', async () => {
    await openComposer()
    const form = screen.getByRole('form', { name: 'Compose a message' })
    const file = new File(['# Notes\n'], 'notes.md')
    const dataTransfer = { files: [file], types: ['Files'], items: [] }
    fireEvent.dragEnter(form, { dataTransfer })
    fireEvent.dragOver(form, { dataTransfer })
    expect(await screen.findByText('Drop to attach')).toBeInTheDocument()
    fireEvent.drop(form, { dataTransfer })
    await expectReadyChip('notes.md', '8 bytes')
    expect(composerChips()[0]!.querySelector('img')).toBeNull()
    expect(core().bridge.callsTo('import.files')).toHaveLength(0)
    expect(core().bridge.callsTo('import.begin')).toHaveLength(0)
  })

  it('a model that cannot see images asks; "Send without images" sends with withoutImages', async () => {
    await core().useLoopbackProvider([{ type: 'stream', texts: ['A reply without the picture.'] }])
    const box = await openComposer()
    const user = userEvent.setup()
    await user.upload(attachInput(), png())
    await expectReadyChip('screen.png', 'bytes')
    await user.type(box, 'Look{Enter}')
    const dialog = await screen.findByRole('dialog', { name: 'llama3.2 cannot see images' })
    // Nothing was stored; the text and the file are still there.
    expect(box).toHaveValue('Look')
    expect(composerChips()).toHaveLength(1)
    expect(screen.queryByRole('alert')).toBeNull()
    await user.click(within(dialog).getByRole('button', { name: 'Send without images' }))
    await waitFor(() => expect(core().bridge.callsTo('chat.send')).toHaveLength(2))
    expect(core().bridge.callsTo('chat.send')[1]).toMatchObject({ withoutImages: true })
    const log = screen.getByRole('log', { name: 'Messages' })
    await within(log).findByRole('button', { name: 'View screen.png' })
    await waitFor(() => expect(composerChips()).toHaveLength(0))

    // "What the model saw" says the image was left out, and why.
    await user.click(await within(log).findByRole('button', { name: 'What the model saw' }))
    const context = await screen.findByRole('dialog', { name: 'What the model saw' })
    await within(context).findByText(
      `screen.png (${PNG.length} bytes): left out: you chose to send without images`,
    )
  })

  it('files can be sent without any text', async () => {
    await openComposer()
    const user = userEvent.setup()
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled()
    await user.upload(attachInput(), new File(['a,b\n1,2\n'], 'table.csv'))
    await expectReadyChip('table.csv', '8 bytes')
    await user.click(screen.getByRole('button', { name: 'Send' }))
    await waitFor(() => expect(core().bridge.callsTo('chat.send')).toHaveLength(1))
    expect(core().bridge.callsTo('chat.send')[0]).toMatchObject({ text: '' })
    const log = screen.getByRole('log', { name: 'Messages' })
    const reply = await within(log).findByRole('article', { name: 'assistant message' })
    await waitFor(() => expect(reply).toHaveTextContent('You attached table.csv (8 bytes).'))
  })

  it('files sent while a reply streams wait in the queue with their message', async () => {
    const box = await openComposer()
    const user = userEvent.setup()
    const release = core().bridge.holdEvent('chat.done')
    await user.type(box, 'first{Enter}')
    await screen.findByRole('button', { name: 'Stop' })
    await user.upload(attachInput(), png())
    await expectReadyChip('screen.png', 'bytes')
    await user.type(box, 'second{Enter}')
    await screen.findByRole('list', { name: 'Queued messages' })
    expect(composerChips()).toHaveLength(0)
    release()
    await waitFor(() => expect(core().bridge.callsTo('chat.send')).toHaveLength(2))
    const second = core().bridge.callsTo('chat.send')[1] as { text: string; attachments: string[] }
    expect(second.text).toBe('second')
    expect(second.attachments).toHaveLength(1)
    const log = screen.getByRole('log', { name: 'Messages' })
    await within(log).findByRole('button', { name: 'View screen.png' })
  })
})
