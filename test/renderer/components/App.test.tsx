import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import { useChatStore } from '../../../src/renderer/src/stores/chatStore'
import type { FakeBridge } from '../fakeBridge'
import { freshBridge } from '../helpers'

let bridge: FakeBridge

beforeEach(() => {
  bridge = freshBridge()
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
    expect(await screen.findByText('Mirror Engine')).toBeInTheDocument()
    expect(screen.getByText(/offline reflection engine/)).toBeInTheDocument()
  })

  it('has the stable accessible names of DESIGN.md §6', async () => {
    bridge.addSession('Morning pages')
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

  it('New session creates, lists and opens a session; Ctrl+N does too', async () => {
    const user = userEvent.setup()
    render(<App />)
    await user.click(screen.getByRole('button', { name: 'New session' }))
    expect(await screen.findByRole('textbox', { name: 'Message' })).toBeInTheDocument()
    expect(bridge.sessions.size).toBe(1)
    await user.keyboard('{Control>}n{/Control}')
    await waitFor(() => expect(bridge.sessions.size).toBe(2))
    const nav = screen.getByRole('navigation', { name: 'Sessions' })
    await waitFor(() => expect(within(nav).getAllByRole('link')).toHaveLength(2))
  })

  it('Enter sends, Shift+Enter adds a line; the reply streams in with Stop until done', async () => {
    const user = userEvent.setup()
    const s = bridge.addSession('Chat')
    render(<App />)
    const box = await openSession('Chat')

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
        pattern: 'exploratory',
        uncertainty: 'none',
        sensitive: false,
      },
    ])

    const stop = await screen.findByRole('button', { name: 'Stop' })
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled()
    const requestId = useChatStore.getState().activeBySession[s.id]!
    bridge.emit('chat.delta', { requestId, sessionId: s.id, text: 'Streaming **now**' })
    const streaming = await within(log).findByRole('article', { name: 'assistant message' })
    await waitFor(() => expect(streaming).toHaveTextContent('Streaming now'))
    expect(stop).toBeVisible()

    const final = bridge.addMessage(s.id, 'assistant', 'Done ⟨medium⟩ here.', {
      pattern: 'creative',
      metadata: { reflection: { level: 'medium', markers: [], glyphs: ['★'], depth: 2 } },
    })
    bridge.emit('chat.done', { requestId, sessionId: s.id, message: final })
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull())
    const reply = within(log).getByRole('article', { name: 'assistant message' })
    expect(within(reply).getByRole('img', { name: 'pattern: Creative' })).toHaveTextContent('★')
    expect(
      within(reply).getByRole('img', { name: 'overall uncertainty: medium' }),
    ).toBeInTheDocument()
    expect(within(reply).getByRole('img', { name: 'uncertainty: medium' })).toBeInTheDocument()
    expect(reply.querySelector('time')).toHaveAttribute('datetime', final.createdAt)
    expect(reply.querySelector('time')?.textContent).not.toBe('')
  })

  it('Esc stops a streaming reply, which stays visible marked as stopped', async () => {
    const user = userEvent.setup()
    const s = bridge.addSession('Stoppable')
    render(<App />)
    const box = await openSession('Stoppable')
    await user.type(box, 'Tell me a long story{Enter}')
    await screen.findByRole('button', { name: 'Stop' })
    const requestId = useChatStore.getState().activeBySession[s.id]!
    bridge.emit('chat.delta', { requestId, sessionId: s.id, text: 'Once upon' })

    await user.keyboard('{Escape}')
    await waitFor(() => expect(bridge.callsTo('chat.cancel')).toEqual([{ requestId }]))
    const kept = bridge.addMessage(s.id, 'assistant', 'Once upon', { status: 'stopped' })
    bridge.emit('chat.error', {
      requestId,
      sessionId: s.id,
      error: { code: 'CANCELLED', message: 'Stopped.' },
      message: kept,
    })

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
    const user = userEvent.setup()
    const s = bridge.addSession('Offline provider')
    render(<App />)
    const box = await openSession('Offline provider')
    await user.type(box, 'Hello{Enter}')
    await screen.findByRole('button', { name: 'Stop' })
    const requestId = useChatStore.getState().activeBySession[s.id]!
    const error = {
      code: 'PROVIDER_UNREACHABLE' as const,
      message: 'Ollama is not answering at 127.0.0.1:11434.',
    }
    const partial = bridge.addMessage(s.id, 'assistant', 'Partial', {
      status: 'failed',
      metadata: { error },
    })
    bridge.emit('chat.error', { requestId, sessionId: s.id, error, message: partial })

    expect(await screen.findByRole('alert')).toHaveTextContent('Ollama is not answering')
    const reply = screen.getByRole('article', { name: 'assistant message' })
    expect(reply).toHaveTextContent('Failed: Ollama is not answering at 127.0.0.1:11434.')
    expect(reply).toHaveTextContent('Check the provider in Settings')
  })

  it('Pattern and Uncertainty are remembered per session', async () => {
    const user = userEvent.setup()
    const a = bridge.addSession('A')
    bridge.addSession('B')
    render(<App />)
    await openSession('A')
    await user.selectOptions(screen.getByRole('combobox', { name: 'Pattern' }), 'Strategic')
    await user.selectOptions(screen.getByRole('combobox', { name: 'Uncertainty' }), 'High')
    await waitFor(() =>
      expect(bridge.sessions.get(a.id)?.metadata['preferences']).toEqual({
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
    const s = bridge.addSession('Remembered')
    bridge.addMessage(s.id, 'user', 'still here')
    window.history.replaceState(null, '', `/#session=${s.id}`)
    render(<App />)
    expect(await screen.findByRole('article', { name: 'user message' })).toHaveTextContent(
      'still here',
    )
  })
})
