import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import { freshPageEachTest, openSession, reloadApp } from './page'

const core = freshPageEachTest({ fastOffline: true })

const sentTexts = () =>
  core()
    .bridge.callsTo('chat.send')
    .map((input) => (input as { text: string }).text)

function queuedTexts(): string[] {
  const list = screen.queryByRole('list', { name: 'Queued messages' })
  if (!list) return []
  return within(list)
    .getAllByRole('listitem')
    .map((item) => item.textContent?.replace(/Cancel$/, '') ?? '')
}

/** The log holds exactly these user messages, in this order. */
async function expectUserMessages(texts: string[]): Promise<void> {
  const log = screen.getByRole('log', { name: 'Messages' })
  const articles = () => within(log).getAllByRole('article', { name: 'user message' })
  await waitFor(() => expect(articles()).toHaveLength(texts.length))
  texts.forEach((text, i) => expect(articles()[i]).toHaveTextContent(text))
}

/** A reply that keeps streaming until `release` runs (its chat.done is held back). */
async function startLongReply(user: ReturnType<typeof userEvent.setup>, box: HTMLElement) {
  const release = core().bridge.holdEvent('chat.done')
  await user.type(box, 'first{Enter}')
  await screen.findByRole('button', { name: 'Stop' })
  return release
}

describe('Queued messages', () => {
  it('Enter while a reply streams queues the message; queued ones go in order when it ends', async () => {
    await core().addSession('Queue')
    await core().addSession('Elsewhere')
    render(<App />)
    const user = userEvent.setup()
    const box = await openSession('Queue')
    const release = await startLongReply(user, box)

    await user.type(box, 'second{Enter}')
    await user.type(box, 'third{Enter}')
    expect(queuedTexts()).toEqual(['second', 'third'])
    expect(box).toHaveValue('')
    expect(screen.getByRole('status')).toHaveTextContent('Message queued')
    expect(screen.getAllByRole('button', { name: 'Cancel queued message' })).toHaveLength(2)
    expect(sentTexts()).toEqual(['first'])

    // They go even when their session is not on screen.
    await openSession('Elsewhere')
    release()
    await waitFor(() => expect(sentTexts()).toEqual(['first', 'second', 'third']))
    await openSession('Queue')
    await expectUserMessages(['first', 'second', 'third'])
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull())
    expect(queuedTexts()).toEqual([])
  })

  it('a cancelled message is not sent and its text comes back into the box', async () => {
    await core().addSession('Cancel')
    render(<App />)
    const user = userEvent.setup()
    const box = await openSession('Cancel')
    const release = await startLongReply(user, box)
    await user.type(box, 'second{Enter}')
    await user.type(box, 'third{Enter}')

    await user.click(screen.getAllByRole('button', { name: 'Cancel queued message' })[0]!)
    expect(queuedTexts()).toEqual(['third'])
    expect(box).toHaveValue('second')
    expect(box).toHaveFocus()

    release()
    await waitFor(() => expect(sentTexts()).toEqual(['first', 'third']))
    await expectUserMessages(['first', 'third'])
    expect(box).toHaveValue('second')
  })

  it('a queued message that fails to send goes back into the box with every later one, in order', async () => {
    await core().addSession('Failing')
    render(<App />)
    const user = userEvent.setup()
    const box = await openSession('Failing')
    const release = await startLongReply(user, box)
    await user.type(box, 'second{Enter}')
    await user.type(box, 'third{Enter}')
    await user.type(box, 'typed meanwhile')

    core().bridge.fail('chat.send', { code: 'PROVIDER_UNREACHABLE', message: 'Nobody answers.' })
    release()
    expect(await screen.findByRole('alert')).toHaveTextContent('Nobody answers.')
    await waitFor(() => expect(box).toHaveValue('second\n\nthird\n\ntyped meanwhile'))
    expect(queuedTexts()).toEqual([])
    await expectUserMessages(['first'])
  })

  it('a reply that is stopped or fails also lets the queued message go', async () => {
    await core().useLoopbackProvider([
      { type: 'stream', texts: ['Never', ' ends'], stallAfter: 1 },
      { type: 'stream', texts: ['Cut', ' off'], cutAfter: 1 },
      { type: 'stream', texts: ['Fine.'] },
    ])
    await core().addSession('Ends badly')
    render(<App />)
    const user = userEvent.setup()
    const box = await openSession('Ends badly')
    await user.type(box, 'first{Enter}')
    await screen.findByRole('button', { name: 'Stop' })
    await user.type(box, 'second{Enter}')
    await user.type(box, 'third{Enter}')
    expect(queuedTexts()).toEqual(['second', 'third'])

    // Stop ends the first reply; the second fails mid-stream; the third is answered.
    await user.click(screen.getByRole('button', { name: 'Stop' }))
    await waitFor(() => expect(sentTexts()).toEqual(['first', 'second', 'third']))
    await expectUserMessages(['first', 'second', 'third'])
    await waitFor(() =>
      expect(
        screen.getAllByRole('article', { name: 'assistant message' }).at(-1),
      ).toHaveTextContent('Fine.'),
    )
  })

  it('messages still queued when the page goes away are in the draft after the reload', async () => {
    await core().addSession('Reloaded')
    render(<App />)
    const user = userEvent.setup()
    const box = await openSession('Reloaded')
    await startLongReply(user, box)
    await user.type(box, 'second{Enter}')
    await user.type(box, 'draft after')

    reloadApp()
    expect(await openSession('Reloaded')).toHaveValue('second\n\ndraft after')
    expect(queuedTexts()).toEqual([])
  })
})
