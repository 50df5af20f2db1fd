import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Session } from '../../../src/shared/domain'
import { startLoopback } from '../llm/servers/loopback'
import type { LoopbackServer } from '../llm/servers/loopback'
import { ollamaWire, openAiWire } from '../llm/servers/wires'
import { outwardAddress, systemOf } from './helpers/wire'
import { continuityMirror, say } from '../continuity/helpers/mirror'
import type { ContinuityMirror } from '../continuity/helpers/mirror'

/** "Send memories only to local models", seen on the wire of a cloud-like and a local server. */
describe('memories and recall only to local models', () => {
  let fx: ContinuityMirror
  let cloud: LoopbackServer
  let home: LoopbackServer
  let current: Session

  beforeEach(async () => {
    // A generous budget: on a busy machine memories must not be left out as late.
    fx = await continuityMirror('sqlite', { contextSourceBudgetMs: 5_000 })
    const { mirror } = fx
    await mirror.vault.init('local only password')
    await mirror.memory.add('Prefers metric units')
    await mirror.vault.set('allergy', 'Allergic to peanuts', { useInConversations: true })
    const past = await mirror.sessions.create({ title: 'Dog adoption' })
    await say(mirror, past.id, 'We adopted a greyhound called Biscuit')
    cloud = await startLoopback(openAiWire, [{ type: 'stream', texts: ['Cloud.'] }], {
      host: outwardAddress(),
    })
    home = await startLoopback(ollamaWire, [{ type: 'stream', texts: ['Home.'] }])
    await mirror.providerSettings.add({
      id: 'cloud',
      type: 'openai-compatible',
      label: 'Elsewhere',
      model: 'cloud-1',
      baseUrl: `${cloud.url}/v1`,
      contextWindow: 8_000,
    })
    await mirror.providerSettings.add({
      id: 'home',
      type: 'ollama',
      label: 'Ollama here',
      model: 'llama-home',
      baseUrl: home.url,
      contextWindow: 8_000,
    })
    current = await mirror.sessions.create({ title: 'Pet food' })
  })
  afterEach(async () => {
    await fx.cleanup()
    await cloud.close()
    await home.close()
  })

  it('sends a non-local provider no memory and no recall, and says so in "What the model saw"', async () => {
    const { mirror } = fx
    expect(await mirror.memory.privacy()).toEqual({ localOnly: true })
    await mirror.providerSettings.setDefault('cloud')
    // The first session's turn (offline engine, a local model) used the memory.
    await expect.poll(async () => (await mirror.memory.list())[0]!.lastUsedAt).toBeDefined()
    const usedBefore = (await mirror.memory.list())[0]!.lastUsedAt
    const turn = await say(mirror, current.id, 'What food suits a greyhound like Biscuit?')
    expect(turn.error).toBeNull()
    expect(cloud.requests).toHaveLength(1)
    const system = systemOf(cloud)
    expect(system).not.toContain('metric')
    expect(system).not.toContain('peanuts')
    expect(system).not.toContain('adopted a greyhound')
    expect(system).not.toContain('Dog adoption')
    expect(turn.message!.metadata.contextSources).toBeUndefined()
    const withheld = { memories: true, recall: true, reason: 'localOnly' }
    expect(turn.message!.metadata.contextWithheld).toEqual(withheld)
    const seen = await mirror.chatContext.seen(current.id, turn.message!.id)
    expect(seen.withheld).toEqual(withheld)
    expect(seen.sources).toEqual([])
    // Withheld memories were not used.
    expect((await mirror.memory.list())[0]!.lastUsedAt).toBe(usedBefore)
  })

  it('gives them to a local Ollama, and to the cloud once the switch is off', async () => {
    const { mirror } = fx
    await mirror.providerSettings.setDefault('home')
    const local = await say(mirror, current.id, 'What food suits a greyhound like Biscuit?')
    expect(local.error).toBeNull()
    const homeSystem = systemOf(home)
    expect(homeSystem).toContain('- Prefers metric units')
    expect(homeSystem).toContain('Allergic to peanuts')
    expect(homeSystem).toContain('We adopted a greyhound called Biscuit')
    expect(local.message!.metadata.contextWithheld).toBeUndefined()
    expect(local.message!.metadata.contextSources?.map((u) => u.kind).sort()).toEqual([
      'memory',
      'memory',
      'recall',
    ])
    await mirror.memory.setPrivacy({ localOnly: false })
    await mirror.providerSettings.setDefault('cloud')
    const sent = await say(mirror, current.id, 'And for a greyhound puppy like Biscuit?')
    expect(sent.error).toBeNull()
    expect(systemOf(cloud)).toContain('- Prefers metric units')
    expect(systemOf(cloud)).toContain('We adopted a greyhound called Biscuit')
    expect(sent.message!.metadata.contextWithheld).toBeUndefined()
  })
})
