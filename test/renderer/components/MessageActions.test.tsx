import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import type { TestCore } from '../core/testCore'
import { freshCore } from '../helpers'

let core: TestCore

beforeEach(async () => {
  core = await freshCore()
  window.history.replaceState(null, '', '/')
})

/** A session with one exchange, opened in the app. */
async function openExchange(title = 'Garden') {
  const s = await core.addSession(title)
  const question = await core.addMessage(s.id, 'user', 'Which **roses** climb?')
  const answer = await core.addMessage(s.id, 'assistant', 'Rambling roses **climb** well.')
  render(<App />)
  await userEvent.click(await screen.findByRole('link', { name: title }))
  const log = await screen.findByRole('log', { name: 'Messages' })
  await within(log).findByText('Which **roses** climb?')
  return { s, question, answer, log }
}

const articles = (log: HTMLElement) => within(log).getAllByRole('article')
const path = async (sessionId: string) =>
  (await core.mirror.sessions.messages(sessionId, { limit: 50 })).items

describe('message actions', () => {
  it('Copy puts the Markdown source on the clipboard, Copy as text the words shown', async () => {
    const user = userEvent.setup()
    const { log } = await openExchange()
    const reply = within(log).getByRole('article', { name: 'assistant message' })
    await user.click(within(reply).getByRole('button', { name: 'Copy' }))
    expect(await navigator.clipboard.readText()).toBe('Rambling roses **climb** well.')
    await user.click(within(reply).getByRole('button', { name: 'Copy as text' }))
    expect(await navigator.clipboard.readText()).toBe('Rambling roses climb well.')
  })

  it('Edit: Cancel changes nothing; Save and send adds a version with a new reply', async () => {
    await core.useLoopbackProvider([{ type: 'stream', texts: ['Climbing roses, mostly.'] }])
    const user = userEvent.setup()
    const { s, question, log } = await openExchange()
    const prompt = within(log).getByRole('article', { name: 'user message' })

    await user.click(within(prompt).getByRole('button', { name: 'Edit' }))
    const box = within(log).getByRole('textbox', { name: 'Edit message' })
    await user.clear(box)
    await user.type(box, 'Never mind')
    await user.click(within(log).getByRole('button', { name: 'Cancel' }))
    expect(within(log).queryByRole('textbox', { name: 'Edit message' })).toBeNull()
    expect(log).toHaveTextContent('Which **roses** climb?')
    expect((await path(s.id)).map((m) => m.content)).toEqual([
      'Which **roses** climb?',
      'Rambling roses **climb** well.',
    ])

    await user.click(within(prompt).getByRole('button', { name: 'Edit' }))
    const again = within(log).getByRole('textbox', { name: 'Edit message' })
    await user.clear(again)
    await user.type(again, 'Which roses climb walls?')
    await user.click(within(log).getByRole('button', { name: 'Save and send' }))

    await waitFor(async () =>
      expect((await path(s.id)).map((m) => m.content)).toEqual([
        'Which roses climb walls?',
        'Climbing roses, mostly.',
      ]),
    )
    await waitFor(() => expect(log).toHaveTextContent('Climbing roses, mostly.'))
    expect(log).not.toHaveTextContent('Rambling roses')
    expect(articles(log)).toHaveLength(2)
    const edited = within(log).getByRole('article', { name: 'user message' })
    expect(edited).toHaveTextContent('Which roses climb walls?')
    await waitFor(() => expect(within(edited).getByText('2 / 2')).toBeInTheDocument())
    // The first version and its reply are kept, one click away.
    const versions = await core.mirror.storage.listVersions(question.id)
    expect(versions.map((m) => m.content)).toEqual([
      'Which **roses** climb?',
      'Which roses climb walls?',
    ])

    await user.click(within(edited).getByRole('button', { name: 'Previous version' }))
    await waitFor(() => expect(log).toHaveTextContent('Rambling roses climb well.'))
    expect(within(log).getByRole('article', { name: 'user message' })).toHaveTextContent('1 / 2')
  })

  it('Regenerate adds a sibling reply; the switcher walks between them', async () => {
    await core.useLoopbackProvider([{ type: 'stream', texts: ['Try a trellis.'] }])
    const user = userEvent.setup()
    const { s, answer, log } = await openExchange()
    const reply = within(log).getByRole('article', { name: 'assistant message' })
    await user.click(within(reply).getByRole('button', { name: 'Regenerate' }))

    // Once stored (not only streamed), the new reply shows where it stands among its versions.
    await waitFor(() => {
      const shown = within(log).getByRole('article', { name: 'assistant message' })
      expect(within(shown).getByText('2 / 2')).toBeInTheDocument()
    })
    expect(log).toHaveTextContent('Try a trellis.')
    expect(log).not.toHaveTextContent('Rambling roses')
    const fresh = within(log).getByRole('article', { name: 'assistant message' })
    expect(within(fresh).getByRole('button', { name: 'Next version' })).toBeDisabled()

    await user.click(within(fresh).getByRole('button', { name: 'Previous version' }))
    await waitFor(() => expect(log).toHaveTextContent('Rambling roses climb well.'))
    const old = within(log).getByRole('article', { name: 'assistant message' })
    expect(within(old).getByText('1 / 2')).toBeInTheDocument()
    expect((await path(s.id)).at(-1)?.id).toBe(answer.id)
    // The keyboard stays on the switcher of the version now shown.
    await waitFor(() =>
      expect(within(old).getByRole('button', { name: 'Next version' })).toHaveFocus(),
    )
    await user.keyboard('{Enter}')
    await waitFor(() => expect(log).toHaveTextContent('Try a trellis.'))
    expect((await path(s.id)).at(-1)?.content).toBe('Try a trellis.')
  })

  it('Regenerate with… uses another pattern and uncertainty for this turn', async () => {
    await core.useLoopbackProvider([{ type: 'stream', texts: ['A bolder idea.'] }])
    const user = userEvent.setup()
    const { s, log } = await openExchange()
    const reply = within(log).getByRole('article', { name: 'assistant message' })
    await user.click(within(reply).getByRole('button', { name: 'Regenerate with…' }))
    const dialog = await screen.findByRole('dialog', { name: 'Regenerate with' })
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Pattern' }), 'Creative')
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Uncertainty' }), 'High')
    await user.click(within(dialog).getByRole('button', { name: 'Regenerate' }))

    await waitFor(() => expect(log).toHaveTextContent('A bolder idea.'))
    expect(core.bridge.callsTo('messages.regenerate')).toEqual([
      { messageId: expect.any(String), pattern: 'creative', uncertainty: 'high' },
    ])
    await waitFor(async () => expect((await path(s.id)).at(-1)?.pattern).toBe('creative'))
  })

  it('Delete asks first, removes the message and what follows, and Undo puts it back', async () => {
    const user = userEvent.setup()
    const { s, log } = await openExchange()
    const prompt = within(log).getByRole('article', { name: 'user message' })
    await user.click(within(prompt).getByRole('button', { name: 'Delete' }))
    const dialog = await screen.findByRole('dialog', { name: 'Delete message?' })
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(await path(s.id)).toHaveLength(2)

    await user.click(within(prompt).getByRole('button', { name: 'Delete' }))
    const confirm = await screen.findByRole('dialog', { name: 'Delete message?' })
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }))
    await waitFor(() => expect(within(log).queryAllByRole('article')).toHaveLength(0))
    expect(await path(s.id)).toEqual([])
    expect(screen.getByText('Deleted 2 messages.')).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Undo' }))
    await waitFor(() => expect(within(log).getAllByRole('article')).toHaveLength(2))
    expect((await path(s.id)).map((m) => m.content)).toEqual([
      'Which **roses** climb?',
      'Rambling roses **climb** well.',
    ])
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull()
  })

  it('Branch opens a new session holding the path up to the message', async () => {
    const user = userEvent.setup()
    const { log } = await openExchange('Roses')
    const prompt = within(log).getByRole('article', { name: 'user message' })
    await user.click(within(prompt).getByRole('button', { name: 'Branch' }))

    expect(
      await screen.findByRole('heading', { level: 2, name: 'Roses (branch)' }),
    ).toBeInTheDocument()
    const branchLog = await screen.findByRole('log', { name: 'Messages' })
    await waitFor(() => expect(within(branchLog).getAllByRole('article')).toHaveLength(1))
    expect(branchLog).toHaveTextContent('Which **roses** climb?')
    expect(screen.getByRole('link', { name: 'Roses (branch)' })).toBeInTheDocument()
  })

  it('the context menu holds the same actions, by right click and by Shift+F10', async () => {
    const user = userEvent.setup()
    const { log } = await openExchange()
    const reply = within(log).getByRole('article', { name: 'assistant message' })
    fireEvent.contextMenu(reply, { clientX: 200, clientY: 200 })
    const menu = await screen.findByRole('menu', { name: 'Message actions' })
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((i) => i.textContent),
    ).toEqual(['Copy', 'Copy as text', 'Regenerate', 'Regenerate with…', 'Delete', 'Branch'])
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('menu')).toBeNull()

    // Keyboard only: focus the prompt's toolbar, open its menu, pick Edit.
    const prompt = within(log).getByRole('article', { name: 'user message' })
    within(prompt).getByRole('button', { name: 'Copy' }).focus()
    await user.keyboard('{Shift>}{F10}{/Shift}')
    const promptMenu = await screen.findByRole('menu', { name: 'Message actions' })
    expect(within(promptMenu).getByRole('menuitem', { name: 'Copy' })).toHaveFocus()
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}')
    expect(within(log).getByRole('textbox', { name: 'Edit message' })).toHaveFocus()
    await user.keyboard('{Escape}')
    expect(within(log).queryByRole('textbox', { name: 'Edit message' })).toBeNull()
  })

  it('a regeneration stopped before any text leaves the reply that was there', async () => {
    await core.useLoopbackProvider([{ type: 'hang' }])
    const user = userEvent.setup()
    const { s, answer, log } = await openExchange()
    const reply = within(log).getByRole('article', { name: 'assistant message' })
    await user.click(within(reply).getByRole('button', { name: 'Regenerate' }))
    await user.click(await screen.findByRole('button', { name: 'Stop' }))

    await waitFor(() => expect(log).toHaveTextContent('Rambling roses climb well.'))
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull()
    expect(log).not.toHaveTextContent('Stopped.')
    expect(articles(log)).toHaveLength(2)
    expect((await path(s.id)).at(-1)?.id).toBe(answer.id)
  })
})
