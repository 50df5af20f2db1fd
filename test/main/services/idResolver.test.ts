import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SessionService } from '../../../src/main/services/sessionService'
import { MirrorError } from '../../../src/shared/errors'
import { makeMessage, makeSession } from '../storage/helpers/fixtures'
import type { StorageHandle } from './helpers'
import { backends, deps } from './helpers'

const failure = (promise: Promise<unknown>): Promise<MirrorError> =>
  promise.then(
    () => expect.fail('expected a MirrorError'),
    (e: unknown) => {
      expect(e).toBeInstanceOf(MirrorError)
      return e as MirrorError
    },
  )

describe.each(backends)('resolving id prefixes on $name storage', (backend) => {
  let handle: StorageHandle
  let sessions: SessionService

  beforeEach(async () => {
    handle = await backend.open()
    sessions = new SessionService(deps(handle.storage))
    for (const id of [
      's_a',
      's_ab1',
      's_ab2',
      's_b',
      's_c1',
      's_c2',
      's_c3',
      's_c4',
      's_c5',
      's_c6',
    ]) {
      await handle.storage.createSession(makeSession({ id }))
    }
    for (const id of ['m_x1', 'm_x2', 'm_y']) {
      await handle.storage.appendMessage(makeMessage('s_b', { id }))
    }
  })
  afterEach(() => handle.dispose())

  it('gives the full id for a unique start, and an exact id even when longer ids start with it', async () => {
    expect(await sessions.resolveId('s_b')).toBe('s_b')
    expect(await sessions.resolveId('s_ab2')).toBe('s_ab2')
    expect(await sessions.resolveId('s_a')).toBe('s_a')
    expect(await sessions.resolveMessageId('m_y')).toBe('m_y')
    expect(await sessions.resolveMessageId('m_x2')).toBe('m_x2')
  })

  it('names a few candidates when the start is ambiguous', async () => {
    const two = await failure(sessions.resolveId('s_ab'))
    expect(two.code).toBe('USAGE')
    expect(two.message).toContain('s_ab1, s_ab2.')
    expect(two.data).toEqual({ id: 's_ab', candidates: ['s_ab1', 's_ab2'] })
    const many = await failure(sessions.resolveId('s_c'))
    expect(many.message).toContain('s_c1, s_c2, s_c3, s_c4, s_c5, …')
    expect(many.data?.candidates).toHaveLength(5)
    const messages = await failure(sessions.resolveMessageId('m_x'))
    expect(messages.code).toBe('USAGE')
    expect(messages.message).toMatch(/message ids: m_x1, m_x2\./)
  })

  it('reports an unknown start as NOT_FOUND and a blank one as VALIDATION_FAILED', async () => {
    expect((await failure(sessions.resolveId('t'))).code).toBe('NOT_FOUND')
    // Message ids are not session ids, and the other way round.
    expect((await failure(sessions.resolveId('m_'))).code).toBe('NOT_FOUND')
    expect((await failure(sessions.resolveMessageId('s_'))).code).toBe('NOT_FOUND')
    expect((await failure(sessions.resolveId(''))).code).toBe('VALIDATION_FAILED')
  })
})
