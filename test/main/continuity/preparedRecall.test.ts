import { describe, expect, it } from 'vitest'
import { setMemorySettings } from '../../../src/main/continuity/memorySettings'
import { recallContextSource } from '../../../src/main/continuity/recallContextSource'
import { storageRecallSource } from '../../../src/main/continuity/recallSource'
import type { RecallSource } from '../../../src/main/continuity/recallSource'
import { ProviderRegistry } from '../../../src/main/llm/providerRegistry'
import { ChatService } from '../../../src/main/services/chatService'
import { ContextInspector } from '../../../src/main/services/contextInspector'
import { createIdGenerator } from '../../../src/main/services/ids'
import { ReflectiveService } from '../../../src/main/services/reflectiveService'
import { SessionService } from '../../../src/main/services/sessionService'
import { openSqliteStorage } from '../../../src/main/storage/sqlite/sqliteStorage'
import type { Message } from '../../../src/shared/domain'
import { ScriptedProvider } from '../services/testProviders'
import { steppingClock, tempDir } from './helpers/temp'

const QUESTION = "What's the name of my sourdough starter?"

/**
 * Recall over a real SQLite store whose searches wait until the test lets them through: a
 * search slower than the budget, as on a very large store.
 */
async function setup() {
  const temp = tempDir()
  const storage = await openSqliteStorage(`${temp.dir}/prepared.db`)
  const clock = steppingClock()
  const ids = createIdGenerator(clock)
  const sessions = new SessionService({ storage, clock, ids })
  const past = await sessions.create({ title: 'Sourdough diary' })
  const note: Message = {
    id: 'p1',
    sessionId: past.id,
    role: 'user',
    content: 'My sourdough starter is called Bubbles.',
    createdAt: '2025-05-01T00:00:00.000Z',
    pattern: null,
    uncertainty: null,
    sensitive: false,
    status: 'complete',
    provider: null,
    model: null,
    metadata: {},
  }
  await storage.appendMessage(note)
  const current = await sessions.create({ title: 'Today' })

  let searches = 0
  let open: () => void = () => undefined
  const opened = new Promise<void>((resolve) => (open = resolve))
  const real = storageRecallSource(storage)
  const slow: RecallSource = {
    async candidates(keywords, options) {
      searches++
      await opened
      return real.candidates(keywords, options)
    },
  }
  const recall = recallContextSource({ storage, source: slow })
  const provider = new ScriptedProvider('scripted', [{ text: 'Bubbles.' }])
  const providers = new ProviderRegistry()
  providers.register(provider)
  const reflective = new ReflectiveService()
  const base = { storage, providers, reflective, clock, ids, contextSources: [recall] }
  const chat = new ChatService(base)
  const inspector = new ContextInspector(base)
  const input = { pattern: 'exploratory', uncertainty: 'none', providerId: 'scripted' } as const
  return {
    storage,
    close: async () => {
      await storage.close()
      temp.cleanup()
    },
    sessions,
    current,
    recall,
    provider,
    searches: () => searches,
    openSearch: () => open(),
    /** What the composer's meter does while the user types. */
    type: (text: string) => inspector.estimate({ sessionId: current.id, text, ...input }),
    send: (text: string) => chat.send({ sessionId: current.id, text, ...input }),
  }
}

describe('recall prepared from the draft', () => {
  it('gives the turn the snippets recalled while the user typed, without a second search', async () => {
    const t = await setup()
    await t.type(QUESTION)
    t.openSearch()
    const turn = { session: t.current, userMessage: { content: QUESTION } as Message }
    await expect.poll(() => t.recall.ready?.(turn)).toBe(true)

    const outcome = await (await t.send(QUESTION)).completion
    expect(t.provider.requests[0]!.system).toContain('Bubbles')
    expect(outcome.message!.metadata.contextSources?.map((s) => s.label)).toEqual([
      'Sourdough diary',
    ])
    expect(outcome.message!.metadata.contextSkipped).toBeUndefined()
    expect(t.searches()).toBe(1)
    await t.close()
  })

  it('searches again when the message sent has other keywords than the draft', async () => {
    const t = await setup()
    await t.type('Tell me about bread')
    const sent = await t.send(QUESTION)
    // The new search is still held: the request leaves without it.
    const outcome = await sent.completion
    expect(t.searches()).toBe(2)
    expect(t.provider.requests[0]!.system).not.toContain('Bubbles')
    expect(outcome.message!.metadata.contextSkipped).toEqual([{ id: 'recall', reason: 'slow' }])
    t.openSearch()
    await t.close()
  })

  it('does not use a prepared recall once recall is switched off for the session', async () => {
    const t = await setup()
    await t.type(QUESTION)
    t.openSearch()
    const turn = { session: t.current, userMessage: { content: QUESTION } as Message }
    await expect.poll(() => t.recall.ready?.(turn)).toBe(true)
    await setMemorySettings({ sessions: t.sessions, storage: t.storage }, t.current.id, {
      recall: false,
    })
    const outcome = await (await t.send(QUESTION)).completion
    expect(t.provider.requests[0]!.system).not.toContain('Bubbles')
    expect(outcome.message!.metadata.contextSources).toBeUndefined()
    await t.close()
  })
})
