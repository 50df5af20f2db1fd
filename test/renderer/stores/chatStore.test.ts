import { beforeEach, describe, expect, it } from 'vitest'
import type { Message } from '../../../src/shared/domain'
import { connectChatEvents, useChatStore } from '../../../src/renderer/src/stores/chatStore'
import { useSessionsStore } from '../../../src/renderer/src/stores/sessionsStore'
import { useUiStore } from '../../../src/renderer/src/stores/uiStore'
import type { FakeBridge } from '../fakeBridge'
import { freshBridge } from '../helpers'

let bridge: FakeBridge
const chat = () => useChatStore.getState()
const items = (sessionId: string) => chat().bySession[sessionId]?.items ?? []

const settings = { pattern: 'analytical', uncertainty: 'low', sensitive: false } as const

function reply(sessionId: string, content: string, patch: Partial<Message> = {}): Message {
  return bridge.addMessage(sessionId, 'assistant', content, { pattern: 'analytical', ...patch })
}

beforeEach(() => {
  bridge = freshBridge()
  return connectChatEvents(bridge)
})

describe('chatStore', () => {
  it('open loads the newest page; loadOlder puts the previous page in front', async () => {
    const s = bridge.addSession('Long')
    for (let i = 0; i < 120; i++)
      bridge.addMessage(s.id, i % 2 ? 'assistant' : 'user', `message ${i}`)
    await chat().open(s.id)
    expect(items(s.id)).toHaveLength(50)
    expect(items(s.id)[0]?.content).toBe('message 70')
    expect(chat().bySession[s.id]?.hasOlder).toBe(true)

    await chat().loadOlder(s.id)
    await chat().loadOlder(s.id)
    expect(items(s.id)).toHaveLength(120)
    expect(items(s.id).map((m) => m.content)).toEqual(
      Array.from({ length: 120 }, (_, i) => `message ${i}`),
    )
    expect(chat().bySession[s.id]?.hasOlder).toBe(false)
  })

  it('shows the user message at once, streams deltas, then keeps the persisted reply', async () => {
    const s = bridge.addSession('Chat')
    await chat().open(s.id)
    const release = bridge.hold('chat.send')
    const sending = chat().send(s.id, { text: ' Hello mirror ', ...settings })
    expect(items(s.id).map((m) => [m.role, m.content])).toEqual([['user', 'Hello mirror']])
    release()
    expect(await sending).toBe(true)

    const userMessage = items(s.id)[0]
    expect(userMessage?.id.startsWith('local:')).toBe(false)
    const requestId = chat().activeBySession[s.id]
    expect(requestId).toBeDefined()

    const before = chat().bySession[s.id]
    bridge.emit('chat.delta', { requestId: requestId!, sessionId: s.id, text: 'You said ' })
    bridge.emit('chat.delta', { requestId: requestId!, sessionId: s.id, text: 'hello.' })
    expect(chat().streams[requestId!]?.text).toBe('You said hello.')
    // Deltas touch only the stream, so the message list does not re-render.
    expect(chat().bySession[s.id]).toBe(before)

    const final = reply(s.id, 'You said hello. ⟨low⟩')
    bridge.emit('chat.done', { requestId: requestId!, sessionId: s.id, message: final })
    expect(chat().streams[requestId!]).toBeUndefined()
    expect(chat().activeBySession[s.id]).toBeUndefined()
    expect(items(s.id).map((m) => m.id)).toEqual([userMessage?.id, final.id])
  })

  it('events that arrive before chat.send answers are not lost', async () => {
    const s = bridge.addSession('Fast host')
    await chat().open(s.id)
    bridge.handle('chat.send', (input) => {
      const userMessage = bridge.addMessage(s.id, 'user', input.text)
      const message = reply(s.id, 'Instant reply')
      bridge.emit('chat.delta', { requestId: 'r-fast', sessionId: s.id, text: 'Instant' })
      bridge.emit('chat.done', { requestId: 'r-fast', sessionId: s.id, message })
      return { requestId: 'r-fast', userMessage }
    })
    await chat().send(s.id, { text: 'Hi', ...settings })
    expect(items(s.id).map((m) => m.content)).toEqual(['Hi', 'Instant reply'])
    expect(chat().activeBySession[s.id]).toBeUndefined()
    expect(chat().streams['r-fast']).toBeUndefined()
  })

  it('chat.error keeps the partial reply main saved, marked, and raises an alert', async () => {
    const s = bridge.addSession('Flaky')
    await chat().open(s.id)
    await chat().send(s.id, { text: 'Tell me', ...settings })
    const requestId = chat().activeBySession[s.id]!
    bridge.emit('chat.delta', { requestId, sessionId: s.id, text: 'Half an' })
    const partial = reply(s.id, 'Half an', {
      status: 'failed',
      metadata: {
        error: { code: 'PROVIDER_UNREACHABLE', message: 'The provider stopped answering.' },
      },
    })
    bridge.emit('chat.error', {
      requestId,
      sessionId: s.id,
      error: { code: 'PROVIDER_UNREACHABLE', message: 'The provider stopped answering.' },
      message: partial,
    })
    expect(items(s.id).at(-1)).toMatchObject({ content: 'Half an', status: 'failed' })
    expect(chat().activeBySession[s.id]).toBeUndefined()
    expect(useUiStore.getState().alerts.map((a) => a.code)).toEqual(['PROVIDER_UNREACHABLE'])
  })

  it('a cancelled reply without a saved message keeps the streamed text as stopped, with no alert', async () => {
    const s = bridge.addSession('Stopped')
    await chat().open(s.id)
    await chat().send(s.id, { text: 'Go on', ...settings })
    const requestId = chat().activeBySession[s.id]!
    bridge.emit('chat.delta', { requestId, sessionId: s.id, text: 'So far' })
    await chat().stop(s.id)
    expect(bridge.callsTo('chat.cancel')).toEqual([{ requestId }])
    bridge.emit('chat.error', {
      requestId,
      sessionId: s.id,
      error: { code: 'CANCELLED', message: 'Stopped.' },
      message: null,
    })
    expect(items(s.id).at(-1)).toMatchObject({
      role: 'assistant',
      content: 'So far',
      status: 'stopped',
    })
    expect(useUiStore.getState().alerts).toEqual([])
  })

  it('a send that main refuses removes the optimistic message and reports why', async () => {
    const s = bridge.addSession('Refused')
    await chat().open(s.id)
    bridge.fail('chat.send', {
      code: 'VALIDATION_FAILED',
      message: 'Invalid input: text is too long',
    })
    expect(await chat().send(s.id, { text: 'x', ...settings })).toBe(false)
    expect(items(s.id)).toEqual([])
    expect(useUiStore.getState().alerts[0]?.message).toBe('Invalid input: text is too long')
  })

  it('send bumps the session to the top of the sidebar', async () => {
    const older = bridge.addSession('Older')
    bridge.addSession('Newer')
    await useSessionsStore.getState().load()
    expect(useSessionsStore.getState().order[0]).not.toBe(older.id)
    await chat().open(older.id)
    await chat().send(older.id, { text: 'Back to this', ...settings })
    expect(useSessionsStore.getState().order[0]).toBe(older.id)
    expect(useSessionsStore.getState().byId[older.id]?.messageCount).toBe(1)
  })

  it('openAt loads the page around a search hit and remembers it for highlighting', async () => {
    const s = bridge.addSession('Deep')
    const all = Array.from({ length: 80 }, (_, i) => bridge.addMessage(s.id, 'user', `note ${i}`))
    const target = all[10]!
    await chat().openAt(s.id, target.id)
    expect(items(s.id).some((m) => m.id === target.id)).toBe(true)
    expect(items(s.id).at(-1)?.content).toBe('note 79')
    expect(chat().highlight).toEqual({ sessionId: s.id, messageId: target.id })
  })

  it('connectionLost ends streams that can no longer finish and keeps their text', async () => {
    const s = bridge.addSession('Dropped')
    await chat().open(s.id)
    await chat().send(s.id, { text: 'Hi', ...settings })
    const requestId = chat().activeBySession[s.id]!
    bridge.emit('chat.delta', { requestId, sessionId: s.id, text: 'Partly' })
    chat().connectionLost()
    expect(chat().activeBySession[s.id]).toBeUndefined()
    expect(items(s.id).at(-1)).toMatchObject({ content: 'Partly', status: 'failed' })
  })
})
