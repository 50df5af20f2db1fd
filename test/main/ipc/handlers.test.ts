import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RequestContext } from '../../../src/main/ipc/requestContext'
import type { Router } from '../../../src/main/ipc/router'
import { createMirror } from '../../../src/main/mirror'
import type { Mirror } from '../../../src/main/mirrorApi'
import type { EventName } from '../../../src/shared/events'
import { events } from '../../../src/shared/events'
import type { RouteName, RouteOutput } from '../../../src/shared/routes'
import { routes } from '../../../src/shared/routes'
import { checkedRouter } from '../helpers/checkedRouter'

/** Every route through the router with output validation on, over a real mirror. */
describe('handlers over a real mirror', () => {
  let dir: string
  let mirror: Mirror
  let router: Router<null>
  const seen: Array<[EventName, unknown]> = []
  const ctx: RequestContext = { emit: (event, payload) => seen.push([event, payload]) }

  async function call<K extends RouteName>(route: K, input: unknown): Promise<RouteOutput<K>> {
    const result = await router.dispatch(null, route, input, ctx)
    if (!result.ok) throw new Error(`${route}: ${result.error.code} ${result.error.message}`)
    // Validated by the router already; parsing again gives the typed value.
    return routes[route].output.parse(result.data) as RouteOutput<K>
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'amos-handlers-'))
    mirror = await createMirror({ dataDir: dir, storage: 'sqlite' })
    router = checkedRouter(mirror, 'electron', '9.9.9')
    seen.length = 0
  })

  afterEach(async () => {
    await mirror.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('answers app.info from the mirror and the host', async () => {
    const info = await call('app.info', {})
    expect(info).toMatchObject({
      version: '9.9.9',
      host: 'electron',
      storage: 'sqlite',
      dataDir: mirror.dataDir,
    })
    expect(info.provider.id).toBe(mirror.providers.defaultProvider().id)
  })

  it('runs the session lifecycle with outputs that match the contract', async () => {
    const created = await call('sessions.create', { title: 'Plans' })
    expect((await call('sessions.get', { id: created.id })).title).toBe('Plans')
    expect((await call('sessions.rename', { id: created.id, title: 'Better plans' })).title).toBe(
      'Better plans',
    )
    const prefs = { pattern: 'strategic', uncertainty: 'high' } as const
    const withPrefs = await call('sessions.setPreferences', { id: created.id, preferences: prefs })
    expect(withPrefs.metadata.preferences).toEqual(prefs)
    expect((await call('sessions.archive', { id: created.id })).archived).toBe(true)
    expect((await call('sessions.list', {})).items.map((s) => s.id)).not.toContain(created.id)
    expect((await call('sessions.list', { archived: true })).items.map((s) => s.id)).toContain(
      created.id,
    )
    expect((await call('sessions.unarchive', { id: created.id })).archived).toBe(false)
    expect(await call('sessions.delete', { id: created.id })).toEqual({ id: created.id })
    const gone = await router.dispatch(null, 'sessions.get', { id: created.id }, ctx)
    expect(gone).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('sends a message, forwards the stream as chat.* events, and finds, pages, exports and imports it', async () => {
    const session = await call('sessions.create', { title: 'Reflections' })
    const sent = await call('chat.send', {
      sessionId: session.id,
      text: 'I keep postponing the garden',
      pattern: 'analytical',
      uncertainty: 'low',
    })
    expect(sent.userMessage).toMatchObject({
      content: 'I keep postponing the garden',
      sensitive: false,
    })
    await expect
      .poll(() => seen.some(([name]) => name === 'chat.done' || name === 'chat.error'), {
        timeout: 15_000,
      })
      .toBe(true)
    for (const [name, payload] of seen) events[name].parse(payload)
    const done = events['chat.done'].parse(seen.find(([name]) => name === 'chat.done')?.[1])
    expect(done.requestId).toBe(sent.requestId)
    expect(done.message.pattern).toBe('analytical')

    const page = await call('sessions.messages', { id: session.id })
    expect(page.items.map((m) => m.id)).toEqual([sent.userMessage.id, done.message.id])
    const around = await call('sessions.messagesAround', {
      id: session.id,
      messageId: sent.userMessage.id,
    })
    expect(around.items.map((m) => m.id)).toContain(sent.userMessage.id)
    const found = await call('sessions.search', { query: 'garden' })
    expect(found.hits.map((h) => h.messageId)).toContain(sent.userMessage.id)

    const markdown = await call('sessions.export', { id: session.id, format: 'markdown' })
    expect(markdown.content).toContain('I keep postponing the garden')
    const json = await call('sessions.export', { id: session.id, format: 'json' })
    await call('sessions.delete', { id: session.id })
    const report = await call('import.files', {
      files: [{ name: json.fileName, content: json.content }],
    })
    expect(report.imported.map((i) => i.sessionId)).toEqual([session.id])

    expect(await call('chat.cancel', { requestId: sent.requestId })).toEqual({ cancelled: false })
  })
})
