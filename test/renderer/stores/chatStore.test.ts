import { waitFor } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { connectChatEvents, useChatStore } from '../../../src/renderer/src/stores/chatStore'
import { useSessionsStore } from '../../../src/renderer/src/stores/sessionsStore'
import { useUiStore } from '../../../src/renderer/src/stores/uiStore'
import type { TestCore } from '../core/testCore'
import { freshCore } from '../helpers'

let core: TestCore
const chat = () => useChatStore.getState()
const items = (sessionId: string) => chat().bySession[sessionId]?.items ?? []
const stored = async (sessionId: string) =>
  (await core.mirror.sessions.messages(sessionId, { limit: 200 })).items

const settings = { pattern: 'analytical', uncertainty: 'low', sensitive: false } as const

beforeEach(async () => {
  core = await freshCore()
  return connectChatEvents(core.bridge)
})

describe('chatStore', () => {
  it('open loads the newest page; loadOlder puts the previous page in front', async () => {
    const s = await core.addSession('Long')
    for (let i = 0; i < 120; i++)
      await core.addMessage(s.id, i % 2 ? 'assistant' : 'user', `message ${i}`)
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
    await core.useLoopbackProvider([{ type: 'stream', texts: ['You said ', 'hello.'], gapMs: 300 }])
    const s = await core.addSession('Chat')
    await chat().open(s.id)
    const release = core.bridge.hold('chat.send')
    const sending = chat().send(s.id, { text: ' Hello mirror ', ...settings })
    expect(items(s.id).map((m) => [m.role, m.content])).toEqual([['user', 'Hello mirror']])
    release()
    expect(await sending).toBe(true)

    const userMessage = items(s.id)[0]
    expect(userMessage?.id.startsWith('local:')).toBe(false)
    const requestId = chat().activeBySession[s.id]
    expect(requestId).toBeDefined()

    const before = chat().bySession[s.id]
    await waitFor(() => expect(chat().streams[requestId!]?.text).toBe('You said '))
    // Deltas touch only the stream, so the message list does not re-render.
    expect(chat().bySession[s.id]).toBe(before)

    await waitFor(() => expect(chat().activeBySession[s.id]).toBeUndefined())
    expect(chat().streams[requestId!]).toBeUndefined()
    const saved = await stored(s.id)
    expect(saved.map((m) => m.content)).toEqual(['Hello mirror', 'You said hello.'])
    expect(items(s.id).map((m) => m.id)).toEqual(saved.map((m) => m.id))
  })

  it('events that arrive before chat.send answers are not lost', async () => {
    await core.useLoopbackProvider([{ type: 'stream', texts: ['Instant ', 'reply'] }])
    const s = await core.addSession('Fast host')
    await chat().open(s.id)
    // Main answers at once, but the answer reaches the window only after the reply's events.
    const release = core.bridge.delayAnswer('chat.send')
    const sending = chat().send(s.id, { text: 'Hi', ...settings })
    await waitFor(async () => expect(await stored(s.id)).toHaveLength(2))
    await new Promise((resolve) => setTimeout(resolve, 20))
    release()
    await sending
    const saved = await stored(s.id)
    expect(items(s.id).map((m) => m.id)).toEqual(saved.map((m) => m.id))
    expect(items(s.id).map((m) => m.content)).toEqual(['Hi', 'Instant reply'])
    expect(chat().activeBySession[s.id]).toBeUndefined()
    expect(chat().streams).toEqual({})
  })

  it('chat.error keeps the partial reply main saved, marked, and raises an alert', async () => {
    await core.useLoopbackProvider([{ type: 'stream', texts: ['Half an', ' answer'], cutAfter: 1 }])
    const s = await core.addSession('Flaky')
    await chat().open(s.id)
    await chat().send(s.id, { text: 'Tell me', ...settings })
    await waitFor(() => expect(chat().activeBySession[s.id]).toBeUndefined())
    const last = (await stored(s.id)).at(-1)
    expect(last).toMatchObject({ content: 'Half an', status: 'failed' })
    expect(items(s.id).at(-1)).toMatchObject({ id: last?.id, content: 'Half an', status: 'failed' })
    const alerts = useUiStore.getState().alerts
    expect(alerts).toHaveLength(1)
    expect(alerts[0]?.code).toMatch(/^PROVIDER_/)
  })

  it('a stopped reply keeps the streamed text as stopped, with no alert', async () => {
    await core.useLoopbackProvider([
      { type: 'stream', texts: ['So far', ' and on'], stallAfter: 1 },
    ])
    const s = await core.addSession('Stopped')
    await chat().open(s.id)
    await chat().send(s.id, { text: 'Go on', ...settings })
    const requestId = chat().activeBySession[s.id]!
    await waitFor(() => expect(chat().streams[requestId]?.text).toBe('So far'))
    await chat().stop(s.id)
    expect(core.bridge.callsTo('chat.cancel')).toEqual([{ requestId }])
    await waitFor(() => expect(chat().activeBySession[s.id]).toBeUndefined())
    expect(items(s.id).at(-1)).toMatchObject({
      role: 'assistant',
      content: 'So far',
      status: 'stopped',
    })
    expect((await stored(s.id)).at(-1)).toMatchObject({ content: 'So far', status: 'stopped' })
    expect(useUiStore.getState().alerts).toEqual([])
  })

  it('a send that main refuses removes the optimistic message and reports why', async () => {
    const s = await core.addSession('Refused')
    await chat().open(s.id)
    expect(await chat().send(s.id, { text: 'x'.repeat(200_001), ...settings })).toBe(false)
    expect(items(s.id)).toEqual([])
    const alert = useUiStore.getState().alerts[0]
    expect(alert?.code).toBe('VALIDATION_FAILED')
    expect(alert?.message).toContain('text')
    expect(await stored(s.id)).toEqual([])
  })

  it('send bumps the session to the top of the sidebar', async () => {
    await core.useLoopbackProvider([{ type: 'stream', texts: ['Welcome back.'] }])
    const older = await core.addSession('Older')
    await core.addSession('Newer')
    await useSessionsStore.getState().load()
    expect(useSessionsStore.getState().order[0]).not.toBe(older.id)
    const release = core.bridge.hold('chat.send')
    await chat().open(older.id)
    const sending = chat().send(older.id, { text: 'Back to this', ...settings })
    release()
    await sending
    expect(useSessionsStore.getState().order[0]).toBe(older.id)
    expect(useSessionsStore.getState().byId[older.id]?.messageCount).toBeGreaterThanOrEqual(1)
    await waitFor(() => expect(chat().activeBySession[older.id]).toBeUndefined())
    // The reply counts too: the cache agrees with main.
    expect(useSessionsStore.getState().byId[older.id]?.messageCount).toBe(
      (await core.mirror.sessions.get(older.id)).messageCount,
    )
  })

  it('openAt loads the page around a search hit and remembers it for highlighting', async () => {
    const s = await core.addSession('Deep')
    const all = []
    for (let i = 0; i < 80; i++) all.push(await core.addMessage(s.id, 'user', `note ${i}`))
    const target = all[10]!
    await chat().openAt(s.id, target.id)
    // Main's page around a hit near the start of a session: the session's first page.
    expect(items(s.id).map((m) => m.content)).toEqual(
      Array.from({ length: 50 }, (_, i) => `note ${i}`),
    )
    expect(chat().bySession[s.id]?.hasOlder).toBe(false)
    expect(chat().highlight).toEqual({ sessionId: s.id, messageId: target.id })
  })

  it('connectionLost ends streams that can no longer finish and keeps their text', async () => {
    await core.useLoopbackProvider([{ type: 'stream', texts: ['Partly', ' more'], stallAfter: 1 }])
    const s = await core.addSession('Dropped')
    await chat().open(s.id)
    await chat().send(s.id, { text: 'Hi', ...settings })
    const requestId = chat().activeBySession[s.id]!
    await waitFor(() => expect(chat().streams[requestId]?.text).toBe('Partly'))
    core.bridge.disconnect()
    chat().connectionLost()
    expect(chat().activeBySession[s.id]).toBeUndefined()
    expect(items(s.id).at(-1)).toMatchObject({ content: 'Partly', status: 'failed' })
  })
})
