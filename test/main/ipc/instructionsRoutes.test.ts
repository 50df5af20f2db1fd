import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RequestContext } from '../../../src/main/ipc/requestContext'
import type { Router } from '../../../src/main/ipc/router'
import type { Result } from '../../../src/shared/result'
import type { RouteName, RouteOutput } from '../../../src/shared/routes'
import { routes } from '../../../src/shared/routes'
import { continuityMirror } from '../continuity/helpers/mirror'
import type { TempMirror } from '../helpers/tempMirror'
import { checkedRouter } from '../helpers/checkedRouter'

/** instructions.* and personas.* (and sessions.create with a persona) through the real router. */
describe('instructions and personas routes', () => {
  let fx: TempMirror
  let router: Router<null>
  const ctx: RequestContext = { emit: () => undefined }

  beforeEach(async () => {
    fx = await continuityMirror()
    router = checkedRouter(fx.mirror)
  })
  afterEach(() => fx.cleanup())

  const dispatch = (route: RouteName, input: unknown): Promise<Result<unknown>> =>
    router.dispatch(null, route, input, ctx)

  async function call<K extends RouteName>(route: K, input: unknown): Promise<RouteOutput<K>> {
    const result = await dispatch(route, input)
    if (!result.ok) throw new Error(`${route}: ${result.error.code} ${result.error.message}`)
    return routes[route].output.parse(result.data) as RouteOutput<K>
  }

  async function failure(route: RouteName, input: unknown): Promise<string> {
    const result = await dispatch(route, input)
    return result.ok ? 'ok' : result.error.code
  }

  it('sets and reads global and session instructions; too long is INSTRUCTIONS_TOO_LONG', async () => {
    expect(await call('instructions.get', {})).toEqual({ text: '' })
    expect(await call('instructions.set', { text: 'Be brief.' })).toEqual({ text: 'Be brief.' })
    expect(await failure('instructions.set', { text: 'x'.repeat(8_001) })).toBe(
      'INSTRUCTIONS_TOO_LONG',
    )
    expect(await call('instructions.get', {})).toEqual({ text: 'Be brief.' })
    const session = await call('sessions.create', { title: 'Routes' })
    expect(await call('instructions.session', { sessionId: session.id })).toEqual({
      sessionId: session.id,
      text: '',
      mode: 'add',
      persona: null,
    })
    const set = await call('instructions.setSession', {
      sessionId: session.id,
      text: 'Only this.',
      mode: 'replace',
    })
    expect(set).toMatchObject({ text: 'Only this.', mode: 'replace' })
    expect(
      await failure('instructions.setSession', { sessionId: session.id, text: 'x', mode: 'swap' }),
    ).toBe('VALIDATION_FAILED')
    expect(await failure('instructions.session', { sessionId: 'session_missing' })).toBe(
      'NOT_FOUND',
    )
  })

  it('adds, lists, updates, applies and removes personas; creates sessions with one', async () => {
    const coach = await call('personas.add', { name: 'Coach', pattern: 'strategic' })
    expect(await failure('personas.add', { name: ' COACH ' })).toBe('PERSONA_NAME_TAKEN')
    expect(await failure('personas.add', { name: 'Far', providerId: 'nowhere' })).toBe(
      'PROVIDER_NOT_CONFIGURED',
    )
    const updated = await call('personas.update', {
      id: coach.id,
      patch: { instructions: 'Push gently.', uncertainty: 'low' },
    })
    expect(updated).toMatchObject({
      name: 'Coach',
      instructions: 'Push gently.',
      uncertainty: 'low',
    })
    expect((await call('personas.list', {})).personas).toEqual([updated])

    const created = await call('sessions.create', { title: 'With coach', personaId: coach.id })
    expect(created.metadata['persona']).toEqual({ id: coach.id, name: 'Coach' })
    const reused = await call('sessions.createOrReuse', { personaId: coach.id })
    expect(reused.metadata['preferences']).toEqual({ pattern: 'strategic', uncertainty: 'low' })
    // Plain "New session" reuses that empty session, but without the persona's set-up.
    const plainReuse = await call('sessions.createOrReuse', {})
    expect(plainReuse.id).toBe(reused.id)
    expect(plainReuse.metadata['persona']).toBeUndefined()
    expect(plainReuse.metadata['preferences']).toBeUndefined()
    const plain = await call('sessions.create', { title: 'Plain' })
    const applied = await call('personas.apply', { sessionId: plain.id, personaId: coach.id })
    expect(applied.metadata['persona']).toEqual({ id: coach.id, name: 'Coach' })
    const none = await call('personas.apply', { sessionId: plain.id, personaId: null })
    expect(none.metadata['persona']).toBeUndefined()

    expect(await call('personas.remove', { id: coach.id })).toEqual({ removed: true })
    expect(await call('instructions.session', { sessionId: created.id })).toMatchObject({
      persona: { id: coach.id, name: 'Coach', removed: true },
    })
    expect(await failure('personas.apply', { sessionId: plain.id, personaId: coach.id })).toBe(
      'NOT_FOUND',
    )
  })
})
