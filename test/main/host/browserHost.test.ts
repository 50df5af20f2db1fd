import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningHost } from '../../../src/main/host/hostServer'
import { startBrowserHost } from '../../../src/main/host/browserHost'
import { events } from '../../../src/shared/events'
import { routes } from '../../../src/shared/routes'
import { TestClient } from './wsClient'

describe.each(['sqlite', 'json'] as const)('browser host over a real %s mirror', (storage) => {
  let dataDir: string
  let host: RunningHost

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `amos-browser-${storage}-`))
    host = await startBrowserHost({
      dataDir,
      storage,
      port: 0,
      staticDir: join(dataDir, 'no-renderer'),
    })
  })

  afterAll(async () => {
    await host.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('creates and lists sessions with outputs that match the route schemas', async () => {
    const client = await TestClient.connect(host.port, host.token)
    const info = await client.request('app.info', {})
    expect(routes['app.info'].output.parse(info.data)).toMatchObject({ host: 'browser', storage })

    const created = await client.request('sessions.create', { title: 'Morning pages' })
    expect(created.ok).toBe(true)
    const session = routes['sessions.create'].output.parse(created.data)
    expect(session.title).toBe('Morning pages')

    const listed = await client.request('sessions.list', {})
    const page = routes['sessions.list'].output.parse(listed.data)
    expect(page.items.map((s) => s.id)).toContain(session.id)

    const missing = await client.request('sessions.get', { id: 'session_0_missing' })
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    client.close()
  })

  it("forgets a socket's temporary chats when it closes, and only that socket's", async () => {
    const leaving = await TestClient.connect(host.port, host.token)
    const staying = await TestClient.connect(host.port, host.token)
    const start = async (client: TestClient) =>
      routes['temporaryChat.start'].output.parse(
        (await client.request('temporaryChat.start', {})).data,
      ).id
    const gone = await start(leaving)
    const kept = await start(staying)
    expect((await staying.request('sessions.get', { id: gone })).ok).toBe(true)
    leaving.close()
    await expect
      .poll(async () => (await staying.request('sessions.get', { id: gone })).ok)
      .toBe(false)
    expect((await staying.request('sessions.get', { id: kept })).ok).toBe(true)
    // Tabs that come and go never fill up the limit on open temporary chats (20).
    for (let i = 0; i < 22; i++) {
      const tab = await TestClient.connect(host.port, host.token)
      const id = await start(tab)
      tab.close()
      await expect.poll(async () => (await staying.request('sessions.get', { id })).ok).toBe(false)
    }
    expect((await staying.request('temporaryChat.start', {})).ok).toBe(true)
    staying.close()
  })

  it('streams a chat reply as events to the asking socket only', async () => {
    const asker = await TestClient.connect(host.port, host.token)
    const bystander = await TestClient.connect(host.port, host.token)
    const created = await asker.request('sessions.create', { title: 'Chat' })
    const sessionId = routes['sessions.create'].output.parse(created.data).id

    const sent = await asker.request('chat.send', {
      sessionId,
      text: 'What am I avoiding?',
      pattern: 'exploratory',
      uncertainty: 'medium',
    })
    expect(sent.ok).toBe(true)
    const { requestId, userMessage } = routes['chat.send'].output.parse(sent.data)
    expect(userMessage).toMatchObject({ role: 'user', content: 'What am I avoiding?', sessionId })

    const done = await asker.waitFor(
      (f) => f.event === 'chat.done' || f.event === 'chat.error',
      15_000,
    )
    expect(done.event).toBe('chat.done')
    const final = events['chat.done'].parse(done.payload)
    expect(final.requestId).toBe(requestId)
    const deltas = asker.events('chat.delta').map((f) => events['chat.delta'].parse(f.payload))
    expect(deltas.length).toBeGreaterThan(0)
    expect(deltas.every((d) => d.requestId === requestId)).toBe(true)
    expect(deltas.map((d) => d.text).join('')).toBe(final.message.content)
    // The response came before any of its events.
    expect(
      asker.frames.findIndex((f) => f.result !== undefined && f.id !== undefined),
    ).toBeLessThan(asker.frames.findIndex((f) => f.event !== undefined))

    await bystander.request('sessions.list', {})
    // The bystander hears of the change to the session (to show it), never the reply's events;
    // the asker, who made the change, is not told about it again.
    await expect.poll(() => bystander.events().length).toBeGreaterThan(0)
    for (const frame of bystander.events()) {
      expect(frame.event).toBe('sessions.changed')
      expect(events['sessions.changed'].parse(frame.payload).sessionIds).toContain(sessionId)
    }
    expect(asker.events('sessions.changed')).toEqual([])

    const messages = await asker.request('sessions.messages', { id: sessionId })
    const stored = routes['sessions.messages'].output.parse(messages.data)
    expect(stored.items.map((m) => m.role)).toEqual(['user', 'assistant'])
    expect(stored.items[1]?.content).toBe(final.message.content)
    asker.close()
    bystander.close()
  })
})
