import { describe, expect, it } from 'vitest'
import {
  DEFAULT_MEMORY_SETTINGS,
  isRecallable,
  readMemorySettings,
  setMemorySettings,
  shouldRecallInto,
  shouldUseVaultMemories,
} from '../../../src/main/continuity/memorySettings'
import { createTemporaryChat, isTemporarySession } from '../../../src/main/continuity/temporaryChat'
import { recall } from '../../../src/main/continuity/recall'
import { createIdGenerator } from '../../../src/main/services/ids'
import { SessionService } from '../../../src/main/services/sessionService'
import { MemoryStorage } from '../../../src/main/storage/memory/memoryStorage'
import { MirrorError } from '../../../src/shared/errors'
import { steppingClock } from './helpers/temp'

async function setup(): Promise<{ storage: MemoryStorage; sessions: SessionService }> {
  const storage = new MemoryStorage()
  const clock = steppingClock()
  return {
    storage,
    sessions: new SessionService({ storage, clock, ids: createIdGenerator(clock) }),
  }
}

describe('memory settings', () => {
  it('default to recall on, memory on, not excluded', async () => {
    const { sessions } = await setup()
    const s = await sessions.create({ title: 'Plain' })
    expect(readMemorySettings(s)).toEqual(DEFAULT_MEMORY_SETTINGS)
    expect(DEFAULT_MEMORY_SETTINGS).toEqual({
      recall: true,
      useMemory: true,
      excludeFromRecall: false,
    })
    expect([shouldRecallInto(s), shouldUseVaultMemories(s), isRecallable(s)]).toEqual([
      true,
      true,
      true,
    ])
  })

  it('fall back field by field when stored values are malformed', () => {
    expect(
      readMemorySettings({ metadata: { memory: { recall: 'no', excludeFromRecall: true } } }),
    ).toEqual({
      recall: true,
      useMemory: true,
      excludeFromRecall: true,
    })
    expect(readMemorySettings({ metadata: { memory: 'off' } })).toEqual(DEFAULT_MEMORY_SETTINGS)
  })

  it('merge a patch into metadata, keep other metadata and leave updatedAt alone', async () => {
    const { storage, sessions } = await setup()
    const s = await sessions.create({ title: 'Private' })
    await sessions.setPreferences(s.id, { pattern: 'analytical', uncertainty: 'high' })
    const before = await sessions.get(s.id)

    const first = await setMemorySettings({ sessions, storage }, s.id, { excludeFromRecall: true })
    expect(first.settings).toEqual({ recall: true, useMemory: true, excludeFromRecall: true })
    const second = await setMemorySettings({ sessions, storage }, s.id, { useMemory: false })
    expect(second.settings).toEqual({ recall: true, useMemory: false, excludeFromRecall: true })

    const stored = await sessions.get(s.id)
    expect(stored.updatedAt).toBe(before.updatedAt)
    expect(stored.metadata.preferences).toEqual({ pattern: 'analytical', uncertainty: 'high' })
    expect(readMemorySettings(stored)).toEqual(second.settings)
    expect(shouldRecallInto(stored)).toBe(false) // "Don't use memory here" wins over recall
    expect(shouldUseVaultMemories(stored)).toBe(false)
    expect(isRecallable(stored)).toBe(false)
  })

  it('reject unknown keys and non-booleans without writing', async () => {
    const { storage, sessions } = await setup()
    const s = await sessions.create({ title: 'x' })
    const deps = { sessions, storage }
    for (const bad of [{ recall: 'yes' }, { remember: true }, { recall: null }]) {
      await expect(setMemorySettings(deps, s.id, bad as never)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      })
    }
    expect((await sessions.get(s.id)).metadata).toEqual(s.metadata)
    await expect(setMemorySettings(deps, 'missing', { recall: false })).rejects.toBeInstanceOf(
      MirrorError,
    )
  })
})

describe('temporary chat', () => {
  it('lives in its own memory storage, is marked temporary and opted out of memory', async () => {
    const clock = steppingClock()
    const main = new MemoryStorage()
    const chat = await createTemporaryChat({
      clock,
      ids: createIdGenerator(clock),
      scratchStorage: () => new MemoryStorage(),
    })
    expect(chat.storage).toBeInstanceOf(MemoryStorage)
    expect(chat.storage).not.toBe(main)
    expect(isTemporarySession(chat.session)).toBe(true)
    expect(readMemorySettings(chat.session)).toEqual({
      recall: false,
      useMemory: false,
      excludeFromRecall: true,
    })
    expect(await chat.storage.getSession(chat.session.id)).toEqual(chat.session)
    expect(await main.hasSession(chat.session.id)).toBe(false)
  })

  it('is never recalled, even if its session ended up in a searched store', async () => {
    const clock = steppingClock()
    const chat = await createTemporaryChat({
      clock,
      ids: createIdGenerator(clock),
      scratchStorage: () => new MemoryStorage(),
      useMemory: true,
    })
    expect(readMemorySettings(chat.session)).toMatchObject({
      recall: true,
      useMemory: true,
      excludeFromRecall: true,
    })
    await chat.storage.appendMessage({
      id: 'tmp1',
      sessionId: chat.session.id,
      role: 'user',
      content: 'the marmalade recipe from grandmother',
      createdAt: clock.now().toISOString(),
      pattern: null,
      uncertainty: null,
      sensitive: false,
      status: 'complete',
      provider: null,
      model: null,
      metadata: {},
    })
    const found = await recall({ storage: chat.storage, query: 'grandmother marmalade recipe' })
    expect(found.snippets).toEqual([])
  })

  it('forgets everything on close', async () => {
    const clock = steppingClock()
    const chat = await createTemporaryChat({
      clock,
      ids: createIdGenerator(clock),
      scratchStorage: () => new MemoryStorage(),
    })
    await chat.close()
    expect(await chat.storage.hasSession(chat.session.id)).toBe(false)
  })
})
