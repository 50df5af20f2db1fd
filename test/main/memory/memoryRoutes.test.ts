import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Router } from '../../../src/main/ipc/router'
import type { RequestContext } from '../../../src/main/ipc/requestContext'
import type { RouteName, RouteOutput } from '../../../src/shared/routes'
import { routes } from '../../../src/shared/routes'
import { checkedRouter } from '../helpers/checkedRouter'
import { forwardBroadcasts } from '../../../src/main/ipc/broadcasts'
import { parseEvent } from '../../../src/shared/events'
import { continuityMirror, say } from '../continuity/helpers/mirror'
import type { ContinuityMirror } from '../continuity/helpers/mirror'

/** memory.* through the router (outputs checked against the contract) on a real mirror. */
describe('memory routes', () => {
  let fx: ContinuityMirror
  let router: Router<null>
  const events: Array<[string, unknown]> = []
  const ctx: RequestContext = { emit: () => undefined }

  async function call<K extends RouteName>(route: K, input: unknown): Promise<RouteOutput<K>> {
    const result = await router.dispatch(null, route, input, ctx)
    if (!result.ok) throw new Error(`${route}: ${result.error.code} ${result.error.message}`)
    return routes[route].output.parse(result.data) as RouteOutput<K>
  }
  async function failure(route: RouteName, input: unknown): Promise<string> {
    const result = await router.dispatch(null, route, input, ctx)
    if (result.ok) throw new Error(`${route} unexpectedly succeeded`)
    return result.error.code
  }

  beforeEach(async () => {
    fx = await continuityMirror()
    router = checkedRouter(fx.mirror, 'browser', '0.0.0')
    events.length = 0
    fx.mirror.memory.on('changed', (change) => events.push(['memory.changed', change]))
  })
  afterEach(async () => {
    await fx.cleanup()
  })

  it('needs the vault open', async () => {
    expect(await failure('memory.list', {})).toBe('VAULT_LOCKED')
  })

  it('suggests offline, accepts with an edit, rejects for good, and lists by scope', async () => {
    const { mirror } = fx
    await mirror.vault.init('memory routes password')
    const session = await mirror.sessions.create({ title: 'Plans' })
    const first = await say(mirror, session.id, 'My name is Priya. I prefer short answers.')
    await say(mirror, session.id, 'I want to learn Rust this winter')

    const report = await call('memory.suggest', { sessionId: session.id })
    expect(report.drafter).toBe('heuristics')
    expect(report.suggestions.map((s) => [s.text, s.reason])).toEqual([
      ['Name is Priya', 'name'],
      ['Prefers short answers', 'preference'],
      ['Wants to learn Rust this winter', 'goal'],
    ])
    expect(report.pending).toBe(3)
    expect(events.at(-1)).toEqual(['memory.changed', { pending: 3 }])
    const [name, prefers, rust] = report.suggestions
    expect(name!.messageIds).toEqual([first.userMessageId])

    const memory = await call('memory.accept', {
      id: name!.id,
      text: 'Name is Priya (she/her)',
      scope: { kind: 'folder', id: 'folder_1' },
    })
    expect(memory).toMatchObject({
      text: 'Name is Priya (she/her)',
      scope: { kind: 'folder', id: 'folder_1' },
      source: { sessionId: session.id, messageId: first.userMessageId },
    })
    expect(await call('memory.reject', { id: prefers!.id })).toEqual({ pending: 1 })
    await call('memory.accept', { id: rust!.id })
    expect(await call('memory.suggestions.list', {})).toEqual([])
    expect(await failure('memory.accept', { id: rust!.id })).toBe('NOT_FOUND')

    // Asking again drafts nothing: one is remembered, one rejected, one remembered.
    expect((await call('memory.suggest', { sessionId: session.id })).suggestions).toEqual([])

    expect((await call('memory.list', {})).map((m) => m.text).sort()).toEqual([
      'Name is Priya (she/her)',
      'Wants to learn Rust this winter',
    ])
    expect(
      (await call('memory.list', { scope: { kind: 'folder', id: 'folder_1' } })).map((m) => m.id),
    ).toEqual([memory.id])
    expect((await call('memory.list', { scope: { kind: 'global' } })).map((m) => m.text)).toEqual([
      'Wants to learn Rust this winter',
    ])
  })

  it('turns a suggestion about a remembered subject into an update that keeps the id', async () => {
    const { mirror } = fx
    await mirror.vault.init('memory routes password')
    const old = await call('memory.add', { text: 'Likes coffee' })
    const session = await mirror.sessions.create({ title: 'Drinks' })
    await say(mirror, session.id, 'I hate coffee now.')
    const [update] = (await call('memory.suggest', { sessionId: session.id })).suggestions
    expect(update).toMatchObject({
      text: 'Hates coffee now',
      updatesMemoryId: old.id,
      existingText: 'Likes coffee',
    })
    const updated = await call('memory.accept', { id: update!.id })
    expect(updated.id).toBe(old.id)
    expect(updated.text).toBe('Hates coffee now')
    expect(updated.history?.map((h) => h.text)).toEqual(['Likes coffee'])
    expect(await call('memory.list', {})).toHaveLength(1)
  })

  it('never drafts from a temporary chat or a session with memory off', async () => {
    const { mirror } = fx
    await mirror.vault.init('memory routes password')
    const off = await mirror.sessions.create({ title: 'Private' })
    await say(mirror, off.id, 'My name is Priya')
    await call('memory.set', { sessionId: off.id, useMemory: false })
    expect(await call('memory.suggest', { sessionId: off.id })).toEqual({
      suggestions: [],
      drafter: 'none',
      skipped: 'memoryOff',
      pending: 0,
    })
    const temp = await call('temporaryChat.start', {})
    await say(mirror, temp.id, 'My name is Priya')
    expect((await call('memory.suggest', { sessionId: temp.id })).skipped).toBe('temporary')
  })

  it('edits, deletes, and keeps "Send memories only to local models" on by default', async () => {
    await fx.mirror.vault.init('memory routes password')
    const memory = await call('memory.add', { text: 'Lives in Porto' })
    const edited = await call('memory.update', { id: memory.id, text: 'Lives in Lisbon' })
    expect(edited).toMatchObject({ id: memory.id, text: 'Lives in Lisbon' })
    expect(await call('memory.delete', { id: memory.id })).toEqual({ deleted: true })
    expect(await call('memory.delete', { id: memory.id })).toEqual({ deleted: false })
    expect(await failure('memory.update', { id: memory.id, text: 'x' })).toBe('NOT_FOUND')
    expect(await failure('memory.add', { text: '   ' })).toBe('VALIDATION_FAILED')

    expect(await call('memory.settings.get', {})).toEqual({ localOnly: true })
    expect(await call('memory.settings.set', { localOnly: false })).toEqual({ localOnly: false })
    expect(await call('memory.settings.get', {})).toEqual({ localOnly: false })
  })

  it('tells every window the pending count with memory.changed', async () => {
    const { mirror } = fx
    const sent: unknown[] = []
    const off = forwardBroadcasts(mirror, (event, payload) => {
      if (event === 'memory.changed') sent.push(parseEvent(event, payload))
    })
    await mirror.vault.init('memory routes password')
    const session = await mirror.sessions.create({ title: 'Badge' })
    await say(mirror, session.id, 'I prefer tea. I want to learn Go')
    const [tea] = (await call('memory.suggest', { sessionId: session.id })).suggestions
    await call('memory.reject', { id: tea!.id })
    off()
    await call('memory.add', { text: 'Lives in Porto' })
    expect(sent).toEqual([{ pending: 2 }, { pending: 1 }])
  })

  it('exports a versioned file and imports it into another vault, once', async () => {
    await fx.mirror.vault.init('memory routes password')
    await call('memory.add', { text: 'Lives in Porto', scope: { kind: 'persona', id: 'p1' } })
    const file = await call('memory.export', {})
    expect(file.fileName).toMatch(/^activemirror-memories-\d{4}-\d{2}-\d{2}\.json$/)
    expect(file.mimeType).toBe('application/json')
    expect(JSON.parse(file.content)).toMatchObject({ format: 'activemirror-memories', version: 1 })

    const other = await continuityMirror()
    try {
      await other.mirror.vault.init('other vault password')
      const otherRouter = checkedRouter(other.mirror, 'browser', '0.0.0')
      const run = async (input: unknown) => {
        const result = await otherRouter.dispatch(null, 'memory.import', input, ctx)
        if (!result.ok) return result.error.code
        return routes['memory.import'].output.parse(result.data)
      }
      expect(await run({ content: file.content })).toEqual({ added: 1, duplicates: 0, errors: [] })
      expect(await run({ content: file.content })).toEqual({ added: 0, duplicates: 1, errors: [] })
      expect(
        await run({ content: '{"format":"activemirror-memories","version":2,"memories":[]}' }),
      ).toBe('IMPORT_UNSUPPORTED_FORMAT')
      expect(await run({ content: 'not json' })).toBe('IMPORT_INVALID')
      expect((await other.mirror.memory.list()).map((m) => [m.text, m.scope])).toEqual([
        ['Lives in Porto', { kind: 'persona', id: 'p1' }],
      ])
    } finally {
      await other.cleanup()
    }
  })
})
