import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Session } from '../../../src/shared/domain'
import { startLoopback } from '../llm/servers/loopback'
import type { LoopbackServer } from '../llm/servers/loopback'
import { openAiWire } from '../llm/servers/wires'
import { continuityMirror, say } from './helpers/mirror'
import type { ContinuityMirror } from './helpers/mirror'

interface WireBody {
  messages: Array<{ role: string; content: string }>
}

/** Memory switches, recall chips and temporary chats, seen from a loopback provider server. */
describe('memory through a loopback provider', () => {
  let fx: ContinuityMirror
  let server: LoopbackServer
  let past: Session
  let current: Session
  let pastMessageId: string

  const systemOfLastRequest = (): string => {
    const body = server.requests.at(-1)!.body as WireBody
    return body.messages
      .filter((m) => m.role === 'system')
      .map((m) => m.content)
      .join('\n')
  }

  beforeEach(async () => {
    fx = await continuityMirror()
    server = await startLoopback(openAiWire, [{ type: 'stream', texts: ['Noted.'] }])
    await fx.mirror.providerSettings.add({
      id: 'loop',
      type: 'openai-compatible',
      label: 'Loopback',
      model: 'loop-1',
      baseUrl: `${server.url}/v1`,
      contextWindow: 8_000,
    })
    await fx.mirror.providerSettings.setDefault('loop')
    past = await fx.mirror.sessions.create({ title: 'Dog adoption' })
    pastMessageId = (await say(fx.mirror, past.id, 'We adopted a greyhound called Biscuit'))
      .userMessageId
    current = await fx.mirror.sessions.create({ title: 'Pet food' })
  })
  afterEach(async () => {
    await fx.cleanup()
    await server.close()
  })

  it('adds recalled snippets to the request and shows them as recall chips on the reply', async () => {
    const turn = await say(fx.mirror, current.id, 'What food suits a greyhound like Biscuit?')
    expect(turn.error).toBeNull()
    const system = systemOfLastRequest()
    expect(system).toContain('We adopted a greyhound called Biscuit')
    expect(system).toContain('Dog adoption')
    expect(turn.message!.metadata.contextSources).toEqual([
      {
        kind: 'recall',
        id: pastMessageId,
        label: 'Dog adoption',
        sessionId: past.id,
        messageId: pastMessageId,
        match: 'keywords',
      },
    ])
    const used = await fx.mirror.continuity.memoryUsed(current.id)
    expect(used.settings).toEqual({ recall: true, useMemory: true, excludeFromRecall: false })
    expect(used.items).toEqual([
      expect.objectContaining({
        kind: 'recall',
        messageId: pastMessageId,
        uses: 1,
        replyId: turn.message!.id,
      }),
    ])
  })

  it('each switch changes what the provider receives', async () => {
    const ask = async () => {
      await say(fx.mirror, current.id, 'Is a greyhound like Biscuit fast?')
      return systemOfLastRequest()
    }
    await fx.mirror.continuity.setMemorySettings(current.id, { recall: false })
    expect(await ask()).not.toContain('Biscuit')

    await fx.mirror.continuity.setMemorySettings(current.id, { recall: true, useMemory: false })
    expect(await ask()).not.toContain('Biscuit')

    await fx.mirror.continuity.setMemorySettings(current.id, { useMemory: true })
    await fx.mirror.continuity.setMemorySettings(past.id, { excludeFromRecall: true })
    expect(await ask()).not.toContain('We adopted')

    await fx.mirror.continuity.setMemorySettings(past.id, { excludeFromRecall: false })
    expect(await ask()).toContain('We adopted a greyhound called Biscuit')
  })

  it('"Don\'t use memory here" also keeps vault memories out of the request', async () => {
    await fx.mirror.vault.init('correct horse battery staple')
    await fx.mirror.vault.set('diet', 'Biscuit is allergic to chicken', {
      category: 'knowledge',
      useInConversations: true,
    })
    await say(fx.mirror, current.id, 'Plan a menu for Biscuit')
    expect(systemOfLastRequest()).toContain('allergic to chicken')
    await fx.mirror.continuity.setMemorySettings(current.id, { useMemory: false })
    await say(fx.mirror, current.id, 'Plan a menu for Biscuit')
    expect(systemOfLastRequest()).not.toContain('allergic to chicken')
    const kinds = (await fx.mirror.continuity.memoryUsed(current.id)).items.map((i) => i.kind)
    expect(kinds).toContain('memory')
  })

  it('refuses bad switches without writing anything', async () => {
    const before = await fx.mirror.sessions.get(current.id)
    await expect(
      fx.mirror.continuity.setMemorySettings(current.id, {
        recall: 'yes',
      } as unknown as { recall: boolean }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
    expect(await fx.mirror.sessions.get(current.id)).toEqual(before)
  })

  it('a temporary chat is served from memory, never stored, logged or recalled', async () => {
    const entriesBefore = (await fx.mirror.continuity.log.verify()).count
    const temp = await fx.mirror.continuity.temporary.start()
    expect(temp.metadata).toMatchObject({ temporary: true })
    const turn = await say(fx.mirror, temp.id, 'My secret zeppelin hobby')
    expect(turn.error).toBeNull()
    expect(turn.message!.content).toBe('Noted.')
    // Sent to the provider, without recall (a temporary chat starts as a blank slate).
    expect(systemOfLastRequest()).not.toContain('Biscuit')
    expect((await fx.mirror.sessions.messages(temp.id)).items).toHaveLength(2)

    expect(await fx.mirror.storage.hasSession(temp.id)).toBe(false)
    expect(await fx.mirror.storage.search('zeppelin')).toEqual([])
    expect(
      (await fx.mirror.sessions.list({ archived: 'all' })).items.map((s) => s.id),
    ).not.toContain(temp.id)
    expect((await fx.mirror.continuity.log.verify()).count).toBe(entriesBefore)

    await say(fx.mirror, current.id, 'Tell me about the zeppelin hobby')
    expect(systemOfLastRequest()).not.toContain('My secret zeppelin')

    expect(await fx.mirror.continuity.temporary.end(temp.id)).toBe(true)
    await expect(fx.mirror.sessions.get(temp.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
