import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import { useChatStore } from '../../../src/renderer/src/stores/chatStore'
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

async function openSession(title: string) {
  await userEvent.click(await screen.findByRole('link', { name: title }))
  return screen.findByRole('textbox', { name: 'Message' })
}

describe('App', () => {
  it('first run: welcome explains the app and names the offline engine', async () => {
    render(<App />)
    expect(
      await screen.findByRole('heading', { name: 'Welcome to ActiveMirror' }),
    ).toBeInTheDocument()
    expect(await screen.findByText('Offline reflection (not an AI model)')).toBeInTheDocument()
    expect(screen.getByText(/offline reflection engine/)).toBeInTheDocument()
  })

  it('has its stable accessible names (a public contract)', async () => {
    await core.addSession('Morning pages')
    render(<App />)
    const nav = screen.getByRole('navigation', { name: 'Sessions' })
    expect(within(nav).getByRole('button', { name: 'New session' })).toBeInTheDocument()
    expect(within(nav).getByRole('searchbox', { name: 'Search sessions' })).toBeInTheDocument()
    expect(await within(nav).findByRole('link', { name: 'Morning pages' })).toBeInTheDocument()
    expect(within(nav).getByRole('button', { name: 'Session actions' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Import' })).toBeInTheDocument()
    expect(screen.getByLabelText('Import file')).toHaveAttribute('type', 'file')
    expect(screen.getByRole('button', { name: 'Settings' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Vault' })).toBeEnabled()
    expect(screen.getByRole('status')).toBeInTheDocument()

    await openSession('Morning pages')
    expect(screen.getByRole('log', { name: 'Messages' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Send' })).toBeInTheDocument()
    const pattern = screen.getByRole('combobox', { name: 'Pattern' })
    expect(
      within(pattern)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Exploratory', 'Analytical', 'Creative', 'Strategic'])
    const uncertainty = screen.getByRole('combobox', { name: 'Uncertainty' })
    expect(
      within(uncertainty)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['None', 'Low', 'Medium', 'High'])
    expect(screen.getByRole('checkbox', { name: 'Sensitive' })).not.toBeChecked()
  })

  it('New session creates, lists and opens a session; Ctrl+N reuses it while untouched', async () => {
    const user = userEvent.setup()
    render(<App />)
    await user.click(screen.getByRole('button', { name: 'New session' }))
    expect(await screen.findByRole('textbox', { name: 'Message' })).toBeInTheDocument()
    expect(await core.sessionCount()).toBe(1)
    await user.keyboard('{Control>}n{/Control}')
    await user.click(screen.getByRole('button', { name: 'New session' }))
    await waitFor(() => expect(bridge.callsTo('sessions.createOrReuse')).toHaveLength(3))
    expect(await core.sessionCount()).toBe(1)
    const nav = screen.getByRole('navigation', { name: 'Sessions' })
    expect(within(nav).getAllByRole('link')).toHaveLength(1)

    // Once it holds a message it is no longer reused.
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Hello{Enter}')
    await within(screen.getByRole('log', { name: 'Messages' })).findByRole('article', {
      name: 'assistant message',
    })
    await user.keyboard('{Control>}n{/Control}')
    await waitFor(async () => expect(await core.sessionCount()).toBe(2))
    await waitFor(() => expect(within(nav).getAllByRole('link')).toHaveLength(2))
  })

  it('Enter sends, Shift+Enter adds a line; the reply streams in with Stop until done', async () => {
    await core.useLoopbackProvider([
      { type: 'stream', texts: ['Streaming **now**', ' Done ⟨medium⟩ here.'], gapMs: 600 },
    ])
    const user = userEvent.setup()
    const s = await core.addSession('Chat')
    render(<App />)
    const box = await openSession('Chat')
    await user.selectOptions(screen.getByRole('combobox', { name: 'Pattern' }), 'Creative')

    await user.type(box, 'First line{Shift>}{Enter}{/Shift}second line')
    expect(box).toHaveValue('First line\nsecond line')
    expect(bridge.callsTo('chat.send')).toHaveLength(0)

    await user.keyboard('{Enter}')
    const log = screen.getByRole('log', { name: 'Messages' })
    const userMessage = await within(log).findByRole('article', { name: 'user message' })
    expect(userMessage).toHaveTextContent('First line second line')
    expect(box).toHaveValue('')
    expect(bridge.callsTo('chat.send')).toEqual([
      {
        sessionId: s.id,
        text: 'First line\nsecond line',
        pattern: 'creative',
        uncertainty: 'none',
        sensitive: false,
      },
    ])

    const stop = await screen.findByRole('button', { name: 'Stop' })
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled()
    const streaming = await within(log).findByRole('article', { name: 'assistant message' })
    await waitFor(() => expect(streaming).toHaveTextContent('Streaming now'))
    expect(stop).toBeVisible()

    await waitFor(() => expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull(), {
      timeout: 5_000,
    })
    const final = (await core.mirror.sessions.messages(s.id)).items.at(-1)!
    const reply = within(log).getByRole('article', { name: 'assistant message' })
    expect(reply).toHaveTextContent('Streaming now Done')
    expect(within(reply).getByRole('img', { name: 'pattern: Creative' })).toHaveTextContent('★')
    expect(
      within(reply).getByRole('img', { name: 'overall uncertainty: medium' }),
    ).toBeInTheDocument()
    expect(within(reply).getByRole('img', { name: 'uncertainty: medium' })).toBeInTheDocument()
    expect(reply.querySelector('time')).toHaveAttribute('datetime', final.createdAt)
    expect(reply.querySelector('time')?.textContent).not.toBe('')
  })

  it('Esc stops a streaming reply, which stays visible marked as stopped', async () => {
    await core.useLoopbackProvider([
      { type: 'stream', texts: ['Once upon', ' a time'], stallAfter: 1 },
    ])
    const user = userEvent.setup()
    const s = await core.addSession('Stoppable')
    render(<App />)
    const box = await openSession('Stoppable')
    await user.type(box, 'Tell me a long story{Enter}')
    await screen.findByRole('button', { name: 'Stop' })
    const requestId = useChatStore.getState().activeBySession[s.id]!
    const streaming = await screen.findByRole('article', { name: 'assistant message' })
    await waitFor(() => expect(streaming).toHaveTextContent('Once upon'))

    await user.keyboard('{Escape}')
    await waitFor(() => expect(bridge.callsTo('chat.cancel')).toEqual([{ requestId }]))

    await waitFor(() =>
      expect(screen.getByRole('article', { name: 'assistant message' })).toHaveTextContent(
        /Stopped\./,
      ),
    )
    expect(screen.getByRole('article', { name: 'assistant message' })).toHaveTextContent(
      'Once upon',
    )
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('a failed reply shows an alert and the message marked with what to do', async () => {
    // The provider's connection drops after the first words.
    await core.useLoopbackProvider([{ type: 'stream', texts: ['Partial', ' reply'], cutAfter: 1 }])
    const user = userEvent.setup()
    await core.addSession('Offline provider')
    render(<App />)
    const box = await openSession('Offline provider')
    await user.type(box, 'Hello{Enter}')

    const alert = await screen.findByRole('alert', {}, { timeout: 5_000 })
    const reason = alert.textContent ?? ''
    expect(reason).toMatch(/Ollama|provider|connection/i)
    const reply = screen.getByRole('article', { name: 'assistant message' })
    expect(reply).toHaveTextContent('Partial')
    expect(reply).toHaveTextContent('Failed: ')
    expect(reply).toHaveTextContent('Check the provider in Settings')
  })

  it('Pattern and Uncertainty are remembered per session', async () => {
    const user = userEvent.setup()
    const a = await core.addSession('A')
    await core.addSession('B')
    render(<App />)
    await openSession('A')
    await user.selectOptions(screen.getByRole('combobox', { name: 'Pattern' }), 'Strategic')
    await user.selectOptions(screen.getByRole('combobox', { name: 'Uncertainty' }), 'High')
    await waitFor(async () =>
      expect((await core.storedSession(a.id))?.metadata['preferences']).toEqual({
        pattern: 'strategic',
        uncertainty: 'high',
      }),
    )

    await openSession('B')
    expect(screen.getByRole('combobox', { name: 'Pattern' })).toHaveValue('exploratory')
    await openSession('A')
    expect(screen.getByRole('combobox', { name: 'Pattern' })).toHaveValue('strategic')
    expect(screen.getByRole('combobox', { name: 'Uncertainty' })).toHaveValue('high')
  })

  it('an error from main shows in an alert and never blanks the screen', async () => {
    bridge.fail('sessions.list', { code: 'STORAGE_CORRUPT', message: 'sessions.db is damaged.' })
    render(<App />)
    expect(await screen.findByRole('alert')).toHaveTextContent('sessions.db is damaged.')
    expect(screen.getByRole('navigation', { name: 'Sessions' })).toBeInTheDocument()
    await userEvent.click(
      within(screen.getByRole('alert')).getByRole('button', { name: 'Dismiss' }),
    )
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('reopens the session named in the address bar after a reload', async () => {
    const s = await core.addSession('Remembered')
    await core.addMessage(s.id, 'user', 'still here')
    window.history.replaceState(null, '', `/#session=${s.id}`)
    render(<App />)
    expect(await screen.findByRole('article', { name: 'user message' })).toHaveTextContent(
      'still here',
    )
  })
})
