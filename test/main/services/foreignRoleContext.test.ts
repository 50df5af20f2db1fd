import { afterEach, describe, expect, it } from 'vitest'
import { assembleContext, contextTarget } from '../../../src/main/services/contextAssembly'
import { FOLDED_ROLE_LABELS } from '../../../src/main/services/providerMessage'
import { MemoryStorage } from '../../../src/main/storage/memory/memoryStorage'
import { at, makeMessage, makeSession } from '../storage/helpers/fixtures'
import { KINDS, makeProvider } from '../llm/harness'
import { startLoopback } from '../llm/servers/loopback'
import type { LoopbackServer } from '../llm/servers/loopback'

const servers: LoopbackServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

// Roles each API accepts for a message that carries no tool-call fields.
const ACCEPTED: Record<string, string[]> = {
  openai: ['system', 'user', 'assistant'],
  'openai-compatible': ['system', 'user', 'assistant'],
  anthropic: ['user', 'assistant'],
  ollama: ['system', 'user', 'assistant'],
}

async function sessionWithToolMessages() {
  const storage = new MemoryStorage()
  const session = makeSession()
  await storage.createSession(session)
  const messages = [
    makeMessage(session.id, { content: 'Weather at the lighthouse?', createdAt: at(1) }),
    makeMessage(session.id, { role: 'assistant', content: 'Checking.', createdAt: at(2) }),
    makeMessage(session.id, { role: 'tool', content: '{"sky": "fog"}', createdAt: at(3) }),
    makeMessage(session.id, { role: 'function', content: 'visibility 200 m', createdAt: at(4) }),
    makeMessage(session.id, { role: 'assistant', content: 'Fog.', createdAt: at(5) }),
  ]
  for (const m of messages) await storage.appendMessage(m)
  return { storage, session, messages }
}

describe.each(KINDS)('tool and function messages sent to $type', (kind) => {
  it('reach the model as labelled user-side text, never with a role the API rejects', async () => {
    const { storage, session, messages } = await sessionWithToolMessages()
    const server = await startLoopback(kind.wire, [{ type: 'stream', texts: ['ok'] }])
    servers.push(server)
    const provider = makeProvider(kind, kind.baseUrl(server.url))
    const context = await assembleContext(
      storage,
      session.id,
      'You are a mirror.',
      contextTarget(provider, kind.model),
      {},
      { id: null, message: { role: 'user', content: 'And tomorrow?' } },
    )
    expect(context.messageIds).toEqual(messages.map((m) => m.id))
    expect(context.messages.slice(2, 4)).toEqual([
      { role: 'user', content: `${FOLDED_ROLE_LABELS.tool}\n{"sky": "fog"}` },
      { role: 'user', content: `${FOLDED_ROLE_LABELS.function}\nvisibility 200 m` },
    ])

    const request = {
      model: kind.model,
      system: context.system,
      messages: context.messages,
      pattern: 'exploratory' as const,
      uncertainty: 'none' as const,
    }
    const texts: string[] = []
    for await (const d of provider.stream(request, new AbortController().signal)) {
      if (d.type === 'text') texts.push(d.text)
    }
    expect(texts).toEqual(['ok'])
    const body = server.requests[0]!.body as { messages: Array<{ role: string }> }
    for (const m of body.messages) expect(ACCEPTED[kind.type]).toContain(m.role)
    const wire = JSON.stringify(body.messages)
    expect(wire).toContain(JSON.stringify(FOLDED_ROLE_LABELS.tool).slice(1, -1))
    expect(wire).toContain('visibility 200 m')
  })
})
