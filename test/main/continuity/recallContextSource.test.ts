import { beforeEach, describe, expect, it } from 'vitest'
import { setMemorySettings } from '../../../src/main/continuity/memorySettings'
import {
  gatedByMemorySettings,
  recallContextSource,
} from '../../../src/main/continuity/recallContextSource'
import { createTemporaryChat } from '../../../src/main/continuity/temporaryChat'
import { gatherContext } from '../../../src/main/services/contextSources'
import type { ContextSource } from '../../../src/main/services/contextSources'
import { createIdGenerator } from '../../../src/main/services/ids'
import { SessionService } from '../../../src/main/services/sessionService'
import { MemoryStorage } from '../../../src/main/storage/memory/memoryStorage'
import type { Message, Session } from '../../../src/shared/domain'
import { steppingClock } from './helpers/temp'

let storage: MemoryStorage
let sessions: SessionService
let past: Session
let current: Session
let question: Message

const message = (sessionId: string, id: string, content: string): Message => ({
  id,
  sessionId,
  role: 'user',
  content,
  createdAt: '2025-05-01T00:00:00.000Z',
  pattern: null,
  uncertainty: null,
  sensitive: false,
  status: 'complete',
  provider: null,
  model: null,
  metadata: {},
})

const fakeMemories: ContextSource = {
  id: 'vault-memories',
  contribute: async () => ({
    systemText: 'Memory: likes tea',
    used: [{ kind: 'memory', id: 'tea', label: 'Preferences: tea' }],
  }),
}

beforeEach(async () => {
  storage = new MemoryStorage()
  const clock = steppingClock()
  sessions = new SessionService({ storage, clock, ids: createIdGenerator(clock) })
  past = await sessions.create({ title: 'Sourdough diary' })
  await storage.appendMessage(message(past.id, 'p1', 'My sourdough starter is called Bubbles.'))
  current = await sessions.create({ title: 'Today' })
  question = message(current.id, 'q1', "What's the name of my sourdough starter?")
  await storage.appendMessage(question)
})

async function gather(session: Session) {
  const sources = [gatedByMemorySettings(fakeMemories), recallContextSource({ storage })]
  return gatherContext(sources, { session: await sessions.get(session.id), userMessage: question })
}

describe('memory context sources', () => {
  it('add recalled snippets with chips pointing at the source message', async () => {
    const context = await gather(current)
    expect(context.systemText).toContain('Memory: likes tea')
    expect(context.systemText).toContain('From "Sourdough diary"')
    expect(context.systemText).toContain('Bubbles')
    expect(context.used).toEqual([
      { kind: 'memory', id: 'tea', label: 'Preferences: tea' },
      {
        kind: 'recall',
        id: 'p1',
        label: 'Sourdough diary',
        sessionId: past.id,
        messageId: 'p1',
        match: 'keywords',
      },
    ])
  })

  it('lists a session recalled twice once, by its best snippet, while quoting both', async () => {
    await storage.appendMessage(message(past.id, 'p2', 'Baked sourdough again today.'))
    const other = await sessions.create({ title: 'Bakery visit' })
    await storage.appendMessage(message(other.id, 'o1', 'The bakery sells a sourdough loaf.'))
    const snippets = (await gather(current)).systemText.match(/From "Sourdough diary"/g)
    expect(snippets).toHaveLength(2)
    const recalled = (await gather(current)).used.filter((u) => u.kind === 'recall')
    expect(recalled.map((u) => u.label)).toEqual(['Sourdough diary', 'Bakery visit'])
    // The session's best hit is the one kept: it matches "sourdough" and "starter", p2 only one.
    expect(recalled[0]).toMatchObject({ sessionId: past.id, messageId: 'p1' })
  })

  it('recall off: memories stay, no snippets', async () => {
    await setMemorySettings({ sessions, storage }, current.id, { recall: false })
    const context = await gather(current)
    expect(context.used.map((u) => u.kind)).toEqual(['memory'])
    expect(context.systemText).not.toContain('Bubbles')
  })

  it('"Don\'t use memory here": neither memories nor snippets', async () => {
    await setMemorySettings({ sessions, storage }, current.id, { useMemory: false })
    expect(await gather(current)).toEqual({ systemText: '', used: [], skipped: [] })
  })

  it('a session excluded from recall is not offered to others', async () => {
    await setMemorySettings({ sessions, storage }, past.id, { excludeFromRecall: true })
    expect((await gather(current)).used.map((u) => u.kind)).toEqual(['memory'])
  })

  it('a temporary chat gets neither', async () => {
    const clock = steppingClock()
    const chat = await createTemporaryChat({
      clock,
      ids: createIdGenerator(clock),
      scratchStorage: () => new MemoryStorage(),
    })
    const sources = [gatedByMemorySettings(fakeMemories), recallContextSource({ storage })]
    const context = await gatherContext(sources, {
      session: chat.session,
      userMessage: message(chat.session.id, 't1', 'sourdough starter name?'),
    })
    expect(context).toEqual({ systemText: '', used: [], skipped: [] })
  })
})
