import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { continuityMirror, say } from '../continuity/helpers/mirror'
import type { ContinuityMirror } from '../continuity/helpers/mirror'

/** Which memories a turn gets: global + the session's folder + its persona + the session. */
describe('memory scopes in context assembly', () => {
  let fx: ContinuityMirror
  beforeEach(async () => {
    fx = await continuityMirror('sqlite', { contextSourceBudgetMs: 5_000 })
    await fx.mirror.vault.init('memory scopes password')
  })
  afterEach(async () => {
    await fx.cleanup()
  })

  it('gives each session the memories of its scopes, and marks them used', async () => {
    const { mirror } = fx
    const folder = await mirror.folders.create('Work')
    const persona = await mirror.instructions.addPersona({ name: 'Coach' })
    const inFolder = await mirror.sessions.create({ title: 'Quarterly plan' })
    await mirror.folders.move(inFolder.id, folder.id)
    const withPersona = await mirror.instructions.createSession({ personaId: persona.id })
    const plain = await mirror.sessions.create({ title: 'Anything' })

    const global = await mirror.memory.add('Prefers metric units')
    const work = await mirror.memory.add('Team uses Postgres', { kind: 'folder', id: folder.id })
    const coach = await mirror.memory.add('Runs 5k on Sundays', {
      kind: 'persona',
      id: persona.id,
    })
    const own = await mirror.memory.add('This plan is due Friday', {
      kind: 'session',
      id: inFolder.id,
    })
    await mirror.memory.add('Elsewhere only', { kind: 'folder', id: 'folder_other' })

    const memoryIds = async (sessionId: string): Promise<string[]> => {
      const turn = await say(mirror, sessionId, 'Hello there')
      expect(turn.error).toBeNull()
      const seen = await mirror.chatContext.seen(sessionId, turn.message!.id)
      return seen.sources
        .filter((s) => s.kind === 'memory')
        .map((s) => s.id)
        .sort()
    }
    expect(await memoryIds(inFolder.id)).toEqual([global.id, work.id, own.id].sort())
    expect(await memoryIds(withPersona.id)).toEqual([global.id, coach.id].sort())
    expect(await memoryIds(plain.id)).toEqual([global.id])

    // The chips never carry a memory's text: reply metadata is not encrypted.
    const turn = await say(mirror, inFolder.id, 'Again')
    expect(JSON.stringify(turn.message!.metadata)).not.toContain('Postgres')

    await expect
      .poll(async () => (await mirror.memory.list()).filter((m) => m.lastUsedAt).length)
      .toBe(4)
    expect(
      (await mirror.memory.list()).find((m) => m.text === 'Elsewhere only')!.lastUsedAt,
    ).toBeUndefined()
  })

  it('a temporary chat gets no memory, even when it was started with memory', async () => {
    const { mirror } = fx
    await mirror.memory.add('Prefers metric units')
    const temp = await mirror.continuity.temporary.start({ useMemory: true })
    const turn = await say(mirror, temp.id, 'Hello there')
    expect(turn.message!.metadata.contextSources).toBeUndefined()
  })
})
