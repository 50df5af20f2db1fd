import { afterEach, describe, expect, it } from 'vitest'
import type { ChatProvider, ProviderRequest } from '../../../src/main/llm/provider'
import { ProviderRegistry } from '../../../src/main/llm/providerRegistry'
import type { Mirror } from '../../../src/main/mirrorApi'
import { entryToMemory } from '../../../src/main/memory/memoryBook'
import { memoryContextSource } from '../../../src/main/memory/memoryContextSource'
import type { ContextTurn } from '../../../src/main/services/contextSources'
import { mirrorFixture, VAULT_PASSWORD } from '../vault/helpers/mirrorFixture'
import type { MirrorFixture } from '../vault/helpers/mirrorFixture'

/**
 * A provider that records every request it receives and answers "ok". Its base URL is this
 * machine, so it is a local model: memories may go to it (docs/memory.md).
 */
function recordingProvider(requests: ProviderRequest[]): ChatProvider {
  return {
    id: 'recorder',
    kind: 'openai-compatible',
    label: 'Recorder',
    baseUrl: 'http://127.0.0.1:9/v1',
    defaultModel: 'rec-1',
    async *stream(request) {
      requests.push(request)
      yield { type: 'text', text: 'ok' }
    },
  }
}

let fx: MirrorFixture | null = null
afterEach(async () => {
  await fx?.cleanup()
  fx = null
})

async function ask(mirror: Mirror, sessionId: string) {
  const sent = await mirror.chat.send({
    sessionId,
    text: 'What should I focus on?',
    pattern: 'strategic',
    uncertainty: 'none',
    providerId: 'recorder',
  })
  const outcome = await sent.completion
  if (!outcome.message) throw new Error(`no reply: ${outcome.error?.code}`)
  return outcome.message
}

describe('vault memories in conversations', () => {
  it('adds enabled entries to the system prompt while unlocked and reports them as used', async () => {
    fx = await mirrorFixture()
    const { mirror } = fx
    const requests: ProviderRequest[] = []
    expect(mirror.providers).toBeInstanceOf(ProviderRegistry)
    ;(mirror.providers as ProviderRegistry).register(recordingProvider(requests))

    await mirror.vault.init(VAULT_PASSWORD)
    await mirror.vault.set('north star', 'Run a marathon in October', {
      category: 'goals',
      useInConversations: true,
    })
    await mirror.vault.set('pin', 'never-share-4417', { category: 'private' })
    const session = await mirror.sessions.create({ title: 'Focus' })

    const reply = await ask(mirror, session.id)
    const system = requests[0]!.system
    expect(system).toContain('Run a marathon in October')
    expect(system).not.toContain('never-share-4417')
    expect(reply.metadata.contextSources).toEqual([
      { kind: 'memory', id: 'vault:north star', label: 'Goals: north star' },
    ])
    // The label names the entry, never its value.
    expect(JSON.stringify(reply.metadata)).not.toContain('marathon')

    mirror.vault.lock()
    const lockedReply = await ask(mirror, session.id)
    expect(requests[1]!.system).not.toContain('Run a marathon in October')
    expect(lockedReply.metadata.contextSources).toBeUndefined()
  })

  it('stays within its budget and reports only the entries it gave the model', async () => {
    const entries = ['a', 'b', 'c'].map((key, i) => ({
      key,
      value: key.repeat(60),
      category: 'knowledge' as const,
      tags: [],
      metadata: {},
      useInConversations: true,
      createdAt: '2025-03-01T10:00:00.000Z',
      updatedAt: `2025-03-0${i + 1}T10:00:00.000Z`,
    }))
    const used: string[][] = []
    const source = memoryContextSource({
      book: {
        // Newest first, as MemoryBook.entries gives them.
        entries: async () =>
          entries.map((entry) => ({ memory: entryToMemory(entry)!, entry })).reverse(),
        markUsed: async (given) => void used.push(given.map((e) => e.key)),
      },
      vault: { unlocked: true },
      policy: { allows: () => true },
      clock: { now: () => new Date('2025-03-09T00:00:00.000Z') },
      budget: 150,
    })
    const turnAbout = (content: string) =>
      ({ session: { id: 's', metadata: {} }, userMessage: { content } }) as unknown as ContextTurn
    const contribution = await source.contribute(turnAbout('Nothing in common'))
    // In the order given (newest first); each line is 77 characters, so only one fits in 150.
    expect(contribution?.used.map((u) => u.id)).toEqual(['vault:c'])
    expect(contribution?.systemText).toContain('c'.repeat(60))
    expect(contribution?.systemText).not.toContain('a'.repeat(60))
    expect(used).toEqual([['c']])
    // When they do not all fit, one about what the user just said goes first.
    const relevant = await source.contribute(turnAbout(`Tell me about ${'a'.repeat(60)}`))
    expect(relevant?.used.map((u) => u.id)).toEqual(['vault:a'])
  })
})

describe('noting when a memory was used', () => {
  it('never writes back a copy the user has edited or deleted since', async () => {
    fx = await mirrorFixture()
    const { mirror } = fx
    await mirror.vault.init(VAULT_PASSWORD)
    const kept = await mirror.memory.add('Lives in Porto')
    const gone = await mirror.memory.add('Has a cat')
    const read = (await mirror.memory.book.entries()).map((e) => e.entry)
    await mirror.memory.update(kept.id, { text: 'Lives in Lisbon' })
    await mirror.memory.delete(gone.id)
    await mirror.memory.book.markUsed(read, new Date('2026-01-02T03:04:05.000Z'))
    expect(await mirror.memory.list()).toEqual([
      expect.objectContaining({
        id: kept.id,
        text: 'Lives in Lisbon',
        lastUsedAt: '2026-01-02T03:04:05.000Z',
      }),
    ])
  })
})
