import { describe, expect, it } from 'vitest'
import { ProviderRegistry } from '../../../src/main/llm/providerRegistry'
import { ChatService } from '../../../src/main/services/chatService'
import type { ContextSource } from '../../../src/main/services/contextSources'
import { ReflectiveService } from '../../../src/main/services/reflectiveService'
import { SessionService } from '../../../src/main/services/sessionService'
import { MemoryStorage } from '../../../src/main/storage/memory/memoryStorage'
import { deps } from './helpers'
import { ScriptedProvider } from './testProviders'

async function setup(sources: ContextSource[]) {
  const storage = new MemoryStorage()
  const base = deps(storage)
  const provider = new ScriptedProvider('scripted', [{ text: 'A reply.' }])
  const providers = new ProviderRegistry()
  providers.register(provider)
  const chat = new ChatService({
    ...base,
    providers,
    reflective: new ReflectiveService(),
    contextSources: sources,
  })
  const session = await new SessionService(base).create({ title: 'Context' })
  return { chat, provider, session }
}

describe('context sources', () => {
  it('adds each source to the system prompt and records what was used on the reply', async () => {
    const seen: string[] = []
    const memory: ContextSource = {
      id: 'memory',
      contribute: async ({ session, userMessage }) => {
        seen.push(`${session.title}|${userMessage.content}`)
        return {
          systemText: 'Known about the user: prefers mornings.',
          used: [{ kind: 'memory', id: 'routine', label: 'Preferences: routine' }],
        }
      },
    }
    const recall: ContextSource = {
      id: 'recall',
      contribute: async () => ({
        systemText: 'From an earlier session: "the marathon plan".',
        used: [
          { kind: 'recall', id: 'msg_1', label: 'Training', sessionId: 's1', messageId: 'msg_1' },
        ],
      }),
    }
    const { chat, provider, session } = await setup([memory, recall])
    const sent = await chat.send({
      sessionId: session.id,
      text: 'When should I train?',
      pattern: 'strategic',
      uncertainty: 'none',
      providerId: 'scripted',
    })
    const outcome = await sent.completion
    expect(seen).toEqual(['Context|When should I train?'])
    const system = provider.requests[0]!.system
    expect(system).toContain('prefers mornings')
    expect(system.indexOf('prefers mornings')).toBeLessThan(system.indexOf('the marathon plan'))
    expect(outcome.message?.metadata.contextSources).toEqual([
      { kind: 'memory', id: 'routine', label: 'Preferences: routine' },
      { kind: 'recall', id: 'msg_1', label: 'Training', sessionId: 's1', messageId: 'msg_1' },
    ])
  })

  it('skips a source that fails and still answers', async () => {
    const broken: ContextSource = {
      id: 'vault',
      contribute: async () => {
        throw new Error('vault locked')
      },
    }
    const { chat, provider, session } = await setup([broken])
    const sent = await chat.send({
      sessionId: session.id,
      text: 'Hello',
      pattern: 'exploratory',
      uncertainty: 'none',
      providerId: 'scripted',
    })
    const outcome = await sent.completion
    expect(outcome.error).toBeNull()
    expect(outcome.message?.content).toBe('A reply.')
    expect(outcome.message?.metadata.contextSources).toBeUndefined()
    expect(provider.requests[0]!.system).not.toContain('vault locked')
  })

  it('runs the sources side by side and still joins them in the order given', async () => {
    const events: string[] = []
    let releaseSlow: () => void = () => undefined
    const slow: ContextSource = {
      id: 'slow',
      contribute: async () => {
        events.push('slow started')
        await new Promise<void>((resolve) => (releaseSlow = resolve))
        return { systemText: 'First part.', used: [{ kind: 'memory', id: 'a', label: 'A' }] }
      },
    }
    const fast: ContextSource = {
      id: 'fast',
      contribute: async () => {
        events.push('fast started')
        // Only lets the first source finish once this one has started: sequential sources hang.
        releaseSlow()
        return { systemText: 'Second part.', used: [{ kind: 'memory', id: 'b', label: 'B' }] }
      },
    }
    const { chat, provider, session } = await setup([slow, fast])
    const sent = await chat.send({
      sessionId: session.id,
      text: 'Hello',
      pattern: 'exploratory',
      uncertainty: 'none',
      providerId: 'scripted',
    })
    const outcome = await sent.completion
    expect(events).toEqual(['slow started', 'fast started'])
    const system = provider.requests[0]!.system
    expect(system.indexOf('First part.')).toBeGreaterThan(-1)
    expect(system.indexOf('First part.')).toBeLessThan(system.indexOf('Second part.'))
    expect(outcome.message?.metadata.contextSources?.map((u) => u.id)).toEqual(['a', 'b'])
  })
})
