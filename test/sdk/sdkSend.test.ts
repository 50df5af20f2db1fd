import { afterEach, describe, expect, it } from 'vitest'
import type { SendInput } from '../../src/sdk'
import { expectMirrorError } from '../main/storage/helpers/fixtures'
import { sdkMirrors } from './helpers/sdkTemp'

const mirrors = sdkMirrors()
afterEach(async () => {
  delete process.env['AMOS_OFFLINE_DELAY_MS']
  await mirrors.cleanup()
})

describe('SDK send', () => {
  it('returns the stored user message, streams the reply and stores it', async () => {
    const mirror = await mirrors.open()
    const session = await mirror.sessions.create({ title: 'Streaming' })
    await mirror.sessions.setPreferences(session.id, { pattern: 'creative', uncertainty: 'low' })

    const reply = await mirror.send({ sessionId: session.id, text: 'What grows in shade?' })
    expect(reply.userMessage).toMatchObject({ role: 'user', content: 'What grows in shade?' })
    // Stored before the reply arrives.
    const before = await mirror.sessions.messages(session.id)
    expect(before.items.map((m) => m.id)).toContain(reply.userMessage.id)

    let streamed = ''
    for await (const piece of reply) streamed += piece
    const { message, error } = await reply.completion
    expect(error).toBeNull()
    expect(streamed.length).toBeGreaterThan(0)
    expect(message).toMatchObject({ role: 'assistant', content: streamed, status: 'complete' })
    // The session's remembered preferences were the defaults for this turn.
    expect(message).toMatchObject({ pattern: 'creative', uncertainty: 'low' })
    // A late second iteration still sees the whole reply.
    let again = ''
    for await (const piece of reply.deltas) again += piece
    expect(again).toBe(streamed)
    const after = await mirror.sessions.messages(session.id)
    expect(after.items.map((m) => m.content)).toEqual(['What grows in shade?', streamed])
  })

  it('cancel stops the reply and keeps what arrived, marked stopped', async () => {
    process.env['AMOS_OFFLINE_DELAY_MS'] = '40'
    const mirror = await mirrors.open()
    const session = await mirror.sessions.create({ title: 'Stopped' })
    const reply = await mirror.send({
      sessionId: session.id,
      text: 'Tell me a long story',
      pattern: 'exploratory',
      uncertainty: 'none',
    })
    let streamed = ''
    for await (const piece of reply) {
      if (streamed === '') expect(reply.cancel()).toBe(true)
      streamed += piece
    }
    const { message, error } = await reply.completion
    expect(error?.code).toBe('CANCELLED')
    expect(message).toMatchObject({ status: 'stopped', content: streamed })
    expect(reply.cancel()).toBe(false)
    const stored = await mirror.sessions.messages(session.id)
    expect(stored.items.at(-1)).toMatchObject({ id: message?.id, status: 'stopped' })
  })

  it('refuses bad input with typed errors, storing nothing', async () => {
    const mirror = await mirrors.open()
    const session = await mirror.sessions.create({ title: 'Untouched' })
    await expectMirrorError(
      mirror.send({ sessionId: 'session_0_missing', text: 'hello' }),
      'NOT_FOUND',
    )
    await expectMirrorError(
      mirror.send({ sessionId: session.id, text: '   ' }),
      'VALIDATION_FAILED',
    )
    // From plain JavaScript anything can arrive; the error says what is wrong with it.
    const notText = await expectMirrorError(
      mirror.send({ sessionId: session.id } as SendInput),
      'VALIDATION_FAILED',
    )
    expect(notText.message).toBe('The message must be text.')
    await expectMirrorError(
      mirror.send({ sessionId: session.id, text: 'hi', pattern: 'loud' as 'creative' }),
      'VALIDATION_FAILED',
    )
    // Sensitive text goes to the vault only, which is locked (not even created) here.
    await expectMirrorError(
      mirror.send({ sessionId: session.id, text: 'secret', sensitive: true }),
      'VAULT_NOT_INITIALIZED',
    )
    expect((await mirror.sessions.messages(session.id)).items).toEqual([])
  })
})
