import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RequestContext } from '../../../src/main/ipc/requestContext'
import type { Router } from '../../../src/main/ipc/router'
import { createMirror } from '../../../src/main/mirror'
import type { Mirror } from '../../../src/main/mirrorApi'
import type { RouteName, RouteOutput } from '../../../src/shared/routes'
import { routes } from '../../../src/shared/routes'
import { checkedRouter } from '../helpers/checkedRouter'

/** identity.*, continuity.*, memory.* and temporaryChat.* through the router (output checked). */
describe('continuity routes', () => {
  let dir: string
  let mirror: Mirror
  let router: Router<null>
  const ctx: RequestContext = { emit: () => undefined }

  const dispatch = (route: RouteName, input: unknown) => router.dispatch(null, route, input, ctx)
  async function call<K extends RouteName>(route: K, input: unknown): Promise<RouteOutput<K>> {
    const result = await dispatch(route, input)
    if (!result.ok) throw new Error(`${route}: ${result.error.code} ${result.error.message}`)
    return routes[route].output.parse(result.data) as RouteOutput<K>
  }
  async function failure(route: RouteName, input: unknown): Promise<string> {
    const result = await dispatch(route, input)
    if (result.ok) throw new Error(`${route} unexpectedly succeeded`)
    return result.error.code
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'amos-continuity-routes-'))
    mirror = await createMirror({ dataDir: dir, storage: 'sqlite' })
    router = checkedRouter(mirror, 'browser', '0.0.0')
  })
  afterEach(async () => {
    await mirror.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('reads and renames the identity; bad names change nothing', async () => {
    const identity = await call('identity.get', {})
    expect(await call('identity.rename', { displayName: 'Grace' })).toEqual({
      ...identity,
      displayName: 'Grace',
    })
    expect(await failure('identity.rename', { displayName: '   ' })).toBe('VALIDATION_FAILED')
    expect(await failure('identity.rename', { displayName: 'x'.repeat(81) })).toBe(
      'VALIDATION_FAILED',
    )
    expect(await failure('identity.rename', { name: 'Grace' })).toBe('VALIDATION_FAILED')
    expect((await call('identity.get', {})).displayName).toBe('Grace')
  })

  it('lists, verifies and clears the log; clear needs confirm: true', async () => {
    const session = await mirror.sessions.create({ title: 'Routes' })
    await mirror.sessions.rename(session.id, 'Routes 2')
    const page = await call('continuity.list', { limit: 1 })
    expect(page.items.map((e) => e.type)).toEqual(['session.renamed'])
    expect(page.nextBefore).toBe(2)
    expect((await call('continuity.list', { before: 2 })).items.map((e) => e.seq)).toEqual([1])
    expect(await call('continuity.verify', {})).toMatchObject({ ok: true, count: 2 })
    for (const bad of [{ limit: 0 }, { limit: 501 }, { before: -1 }, { extra: 1 }]) {
      expect(await failure('continuity.list', bad)).toBe('VALIDATION_FAILED')
    }
    expect(await failure('continuity.clear', {})).toBe('VALIDATION_FAILED')
    expect(await failure('continuity.clear', { confirm: false })).toBe('VALIDATION_FAILED')
    expect((await call('continuity.verify', {})).count).toBe(2)
    expect(await call('continuity.clear', { confirm: true })).toEqual({ removed: 2 })
    expect(await call('continuity.verify', {})).toMatchObject({ ok: true, count: 1 })
  })

  it('sets memory switches; unknown sessions and bad values are refused', async () => {
    const session = await mirror.sessions.create({ title: 'Switches' })
    expect(await call('memory.get', { sessionId: session.id })).toEqual({
      recall: true,
      useMemory: true,
      excludeFromRecall: false,
    })
    expect(await call('memory.set', { sessionId: session.id, excludeFromRecall: true })).toEqual({
      recall: true,
      useMemory: true,
      excludeFromRecall: true,
    })
    expect(await failure('memory.set', { sessionId: session.id, recall: 'no' })).toBe(
      'VALIDATION_FAILED',
    )
    expect(await failure('memory.set', { sessionId: session.id, other: true })).toBe(
      'VALIDATION_FAILED',
    )
    expect(await failure('memory.set', { sessionId: 'nope', recall: false })).toBe('NOT_FOUND')
    expect(await call('memory.used', { sessionId: session.id })).toEqual({
      settings: { recall: true, useMemory: true, excludeFromRecall: true },
      items: [],
      temporary: false,
    })
  })

  it('starts a temporary chat that chat.send serves and temporaryChat.end discards', async () => {
    const temp = await call('temporaryChat.start', {})
    const sent = await call('chat.send', {
      sessionId: temp.id,
      text: 'hello there',
      pattern: 'creative',
      uncertainty: 'none',
    })
    expect(sent.userMessage.sessionId).toBe(temp.id)
    expect((await call('memory.used', { sessionId: temp.id })).temporary).toBe(true)
    expect(await mirror.storage.hasSession(temp.id)).toBe(false)
    expect(await call('temporaryChat.end', { sessionId: temp.id })).toEqual({ ended: true })
    expect(await call('temporaryChat.end', { sessionId: temp.id })).toEqual({ ended: false })
    expect(await failure('sessions.get', { id: temp.id })).toBe('NOT_FOUND')
  })
})
