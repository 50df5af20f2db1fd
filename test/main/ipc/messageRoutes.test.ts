import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RequestContext } from '../../../src/main/ipc/requestContext'
import type { Router } from '../../../src/main/ipc/router'
import { createMirror } from '../../../src/main/mirror'
import type { Mirror } from '../../../src/main/mirrorApi'
import type { Message } from '../../../src/shared/domain'
import type { EventName } from '../../../src/shared/events'
import type { RouteName, RouteOutput } from '../../../src/shared/routes'
import { routes } from '../../../src/shared/routes'
import { checkedRouter } from '../helpers/checkedRouter'

/** The messages.* routes through the real router (outputs checked) over a real SQLite mirror. */
describe('message routes', () => {
  let dir: string
  let mirror: Mirror
  let router: Router<null>
  const seen: Array<[EventName, Record<string, unknown>]> = []
  const ctx: RequestContext = {
    emit: (event, payload) => seen.push([event, payload as Record<string, unknown>]),
  }

  async function call<K extends RouteName>(route: K, input: unknown): Promise<RouteOutput<K>> {
    const result = await router.dispatch(null, route, input, ctx)
    if (!result.ok) throw new Error(`${route}: ${result.error.code} ${result.error.message}`)
    return routes[route].output.parse(result.data) as RouteOutput<K>
  }
  async function fails(
    route: RouteName,
    input: unknown,
  ): Promise<{ code: string; message: string }> {
    const result = await router.dispatch(null, route, input, ctx)
    if (result.ok) throw new Error(`${route} succeeded`)
    return result.error
  }
  /** The chat.done (or chat.error) event of a request, once it arrives. */
  async function finished(requestId: string): Promise<Message> {
    for (let i = 0; i < 500; i++) {
      const end = seen.find(
        ([event, p]) =>
          (event === 'chat.done' || event === 'chat.error') && p.requestId === requestId,
      )
      if (end) return end[1].message as Message
      await new Promise((r) => setTimeout(r, 10))
    }
    throw new Error(`no end event for ${requestId}`)
  }
  async function turn(sessionId: string, text: string): Promise<{ user: Message; reply: Message }> {
    const sent = await call('chat.send', {
      sessionId,
      text,
      pattern: 'analytical',
      uncertainty: 'none',
    })
    return { user: sent.userMessage, reply: await finished(sent.requestId) }
  }

  beforeAll(() => {
    process.env.AMOS_OFFLINE_DELAY_MS = '0'
  })
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'amos-message-routes-'))
    mirror = await createMirror({ dataDir: dir, storage: 'sqlite' })
    router = checkedRouter(mirror)
    seen.length = 0
  })
  afterEach(async () => {
    await mirror.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('edit, regenerate, versions, switch, delete, undoDelete and branch', async () => {
    const session = await call('sessions.create', { title: 'Routes' })
    const first = await turn(session.id, 'What about the orchard?')

    const edited = await call('messages.edit', {
      messageId: first.user.id,
      text: '  What about the vineyard?  ',
    })
    expect(edited.userMessage).toMatchObject({
      content: 'What about the vineyard?',
      versionIndex: 2,
      versionCount: 2,
    })
    const editReply = await finished(edited.requestId)
    const stream = seen.filter(([, p]) => p.requestId === edited.requestId).map(([e]) => e)
    expect(stream[0]).toBe('chat.started')
    expect(stream.at(-1)).toBe('chat.done')

    const regen = await call('messages.regenerate', {
      messageId: editReply.id,
      pattern: 'creative',
    })
    const regenReply = await finished(regen.requestId)
    expect(regenReply).toMatchObject({ pattern: 'creative', parentId: edited.userMessage.id })

    const versions = await call('messages.versions', { messageId: regenReply.id })
    expect(versions.map((m) => m.id)).toEqual([editReply.id, regenReply.id])

    const switched = await call('messages.switch', { messageId: first.user.id })
    expect(switched.currentLeafId).toBe(first.reply.id)
    const page = await call('sessions.messages', { id: session.id })
    expect(page.items.map((m) => [m.id, m.versionIndex, m.versionCount])).toEqual([
      [first.user.id, 1, 2],
      [first.reply.id, 1, 1],
    ])

    const deleted = await call('messages.delete', { messageId: first.user.id })
    expect(deleted.removed).toBe(2)
    expect(deleted.session.messageCount).toBe(3)
    const undone = await call('messages.undoDelete', { undoToken: deleted.undoToken })
    expect(undone).toMatchObject({ messageCount: 5, currentLeafId: first.reply.id })
    expect(await fails('messages.undoDelete', { undoToken: deleted.undoToken })).toMatchObject({
      code: 'NOT_FOUND',
    })

    const branch = await call('messages.branch', { messageId: first.user.id })
    expect(branch).toMatchObject({ title: 'Routes (branch)', messageCount: 1 })
  })

  it('rejects bad input with clear codes', async () => {
    expect(await fails('messages.undoDelete', { undoToken: 'nope' })).toMatchObject({
      code: 'VALIDATION_FAILED',
    })
    expect(await fails('messages.undoDelete', { undoToken: 'undo_unknown' })).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/can no longer be undone/),
    })
    expect(await fails('messages.edit', { messageId: 'msg_x', text: '   ' })).toMatchObject({
      code: 'VALIDATION_FAILED',
    })
    expect(await fails('messages.switch', { messageId: 'msg_missing' })).toMatchObject({
      code: 'NOT_FOUND',
    })
  })

  it('a search hit on an inactive version says so, and opens after messages.switch', async () => {
    const session = await call('sessions.create', { title: 'Search' })
    const first = await turn(session.id, 'The quokka question')
    const edited = await call('messages.edit', {
      messageId: first.user.id,
      text: 'Another question',
    })
    await finished(edited.requestId)

    const { hits } = await call('sessions.search', { query: 'quokka' })
    // (The offline engine's reply may echo the word: only the question is looked at.)
    expect(hits.find((h) => h.messageId === first.user.id)).toMatchObject({ onCurrentPath: false })
    const closed = await fails('sessions.messagesAround', {
      id: session.id,
      messageId: first.user.id,
    })
    expect(closed).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/switch/) })

    await call('messages.switch', { messageId: first.user.id })
    const around = await call('sessions.messagesAround', {
      id: session.id,
      messageId: first.user.id,
    })
    expect(around.items.map((m) => m.id)).toEqual([first.user.id, first.reply.id])
    expect(around.items[0]).toMatchObject({ versionIndex: 1, versionCount: 2 })
    const again = await call('sessions.search', { query: 'quokka' })
    expect(again.hits.find((h) => h.messageId === first.user.id)).toMatchObject({
      onCurrentPath: true,
    })
  })
})
