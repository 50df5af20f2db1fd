import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createKeytarStore } from '../../../src/main/keychain/keytarStore'
import { createMirror } from '../../../src/main/mirror'
import type { ChatListener } from '../../../src/main/services/contracts'
import type { Mirror } from '../../../src/main/mirrorApi'
import type { Session } from '../../../src/shared/domain'
import { startLoopback } from '../llm/servers/loopback'
import type { LoopbackServer } from '../llm/servers/loopback'
import { openAiWire } from '../llm/servers/wires'

const service = `ActiveMirror-test-${randomUUID()}`
const secrets = createKeytarStore(service)
const KEY = 'sk-chat-test-3b5d7f9a1c2e4f6a'

interface ChatEvents {
  deltas: string[]
  errors: Array<{ code: string; message: string; data?: Record<string, unknown> }>
  started: Array<{ provider: string; model: string }>
  listener: ChatListener
}

function events(): ChatEvents {
  const e: ChatEvents = { deltas: [], errors: [], started: [], listener: {} }
  e.listener = {
    started: (x) => e.started.push({ provider: x.provider, model: x.model }),
    delta: (x) => e.deltas.push(x.text),
    error: (x) => e.errors.push(x.error),
  }
  return e
}

/** Chat through the real mirror (ChatService, context assembly, registry) to a loopback server. */
describe('chat with a configured OpenAI-compatible provider', () => {
  let dir: string
  let mirror: Mirror
  let server: LoopbackServer
  let session: Session
  let providerId: string

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'amos-provider-chat-'))
    server = await startLoopback(openAiWire, [])
    mirror = await createMirror({
      dataDir: dir,
      storage: 'sqlite',
      providerSettings: {
        keychainService: service,
        callOptions: { idleTimeoutMs: 2_000, retry: { maxRetries: 0 } },
      },
    })
    providerId = `lm-${randomUUID().slice(0, 6)}`
    await mirror.providerSettings.add({
      id: providerId,
      type: 'openai-compatible',
      label: 'Loopback LM',
      model: 'qwen2.5-7b-instruct',
      baseUrl: `${server.url}/v1`,
      contextWindow: 4_096,
    })
    await mirror.providerSettings.setKey(providerId, KEY)
    await mirror.providerSettings.setDefault(providerId)
    session = await mirror.sessions.create({ title: 'Loopback' })
  })

  afterEach(async () => {
    await mirror.close()
    await server.close()
    await secrets.delete(`provider:${providerId}`).catch(() => false)
    rmSync(dir, { recursive: true, force: true })
  })

  async function send(text: string, e = events(), extra: { providerId?: string } = {}) {
    const sent = await mirror.chat.send(
      { sessionId: session.id, text, pattern: 'analytical', uncertainty: 'medium', ...extra },
      e.listener,
    )
    return { ...sent, outcome: await sent.completion, e }
  }

  it('streams deltas and stores the reply with provider, model, usage and context', async () => {
    server.setReplies([
      { type: 'stream', texts: ['Hello', ' from', ' loopback'], usage: { input: 42, output: 3 } },
    ])
    const { outcome, e, userMessage } = await send('What is on my mind?')
    expect(e.deltas).toEqual(['Hello', ' from', ' loopback'])
    expect(e.started).toEqual([{ provider: providerId, model: 'qwen2.5-7b-instruct' }])
    expect(outcome.error).toBeNull()
    const reply = outcome.message!
    expect(reply).toMatchObject({
      content: 'Hello from loopback',
      status: 'complete',
      provider: providerId,
      model: 'qwen2.5-7b-instruct',
    })
    expect(reply.metadata.usage).toEqual({ inputTokens: 42, outputTokens: 3 })
    const context = reply.metadata.context!
    expect(context.messageIds).toEqual([userMessage.id])
    expect(context.truncated).toBe(false)
    expect(context.tokens.window).toBe(4_096)
    expect(context.tokens.used).toBeGreaterThan(0)
    // What went over the wire: the key, the model, the system prompt and the message.
    const request = server.requests[0]!
    expect(request.path).toBe('/v1/chat/completions')
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`)
    const body = request.body as {
      model: string
      messages: Array<{ role: string; content: string }>
    }
    expect(body.model).toBe('qwen2.5-7b-instruct')
    expect(body.messages[0]).toEqual({
      role: 'system',
      content: mirror.reflective.systemPrompt('analytical', 'medium'),
    })
    expect(body.messages.at(-1)).toEqual({ role: 'user', content: 'What is on my mind?' })
    // No key in what was stored.
    expect(JSON.stringify(await mirror.sessions.messages(session.id))).not.toContain(KEY)
  })

  it('shows what the model saw, and estimates the next turn', async () => {
    server.setReplies([{ type: 'stream', texts: ['First answer'] }])
    const first = await send('First question')
    const second = await send('Second question')
    const view = await mirror.chatContext.seen(session.id, second.outcome.message!.id)
    expect(view.recorded).toBe(true)
    expect(view.systemPrompt).toBe(mirror.reflective.systemPrompt('analytical', 'medium'))
    expect(view.messages.map((m) => [m.role, m.excerpt])).toEqual([
      ['user', 'First question'],
      ['assistant', 'First answer'],
      ['user', 'Second question'],
    ])
    expect(view.messages[0]!.id).toBe(first.userMessage.id)
    expect(view.tokens).toEqual(second.outcome.message!.metadata.context!.tokens)

    const empty = await mirror.chatContext.estimate({
      sessionId: session.id,
      text: '',
      pattern: 'analytical',
      uncertainty: 'medium',
    })
    const withDraft = await mirror.chatContext.estimate({
      sessionId: session.id,
      text: 'A draft that is not sent yet, with a few more words in it',
      pattern: 'analytical',
      uncertainty: 'medium',
    })
    expect(empty).toMatchObject({ window: 4_096, provider: providerId })
    expect(withDraft.used).toBeGreaterThan(empty.used)
  })

  it('uses the session provider and model when chat.send names none', async () => {
    server.setReplies([{ type: 'stream', texts: ['ok'] }])
    await mirror.providerSettings.setDefault('offline')
    await mirror.sessions.setPreferences(session.id, {
      pattern: 'analytical',
      uncertainty: 'medium',
      providerId,
      model: 'llama-3.1-8b',
    })
    const { outcome } = await send('Which model?')
    expect(outcome.message).toMatchObject({ provider: providerId, model: 'llama-3.1-8b' })
    expect((server.requests[0]!.body as { model: string }).model).toBe('llama-3.1-8b')
    // An explicit provider wins for that turn.
    const offline = await send('And now?', events(), { providerId: 'offline' })
    expect(offline.outcome.message!.provider).toBe('offline')
    expect(server.requests).toHaveLength(1)
  })

  it('reports a rate limit with retry-after and keeps the empty failed reply', async () => {
    server.setReplies([
      { type: 'status', status: 429, headers: { 'retry-after': '30' }, message: 'Slow down' },
    ])
    const { outcome, e } = await send('Too fast?')
    expect(outcome.message).toMatchObject({ content: '', status: 'failed' })
    expect(outcome.error!.code).toBe('PROVIDER_RATE_LIMITED')
    expect(outcome.error!.message).toMatch(/Wait 30 s/)
    expect(outcome.error!.data).toMatchObject({ retryAfterSeconds: 30 })
    expect(e.errors[0]!.code).toBe('PROVIDER_RATE_LIMITED')
    const stored = await mirror.sessions.messages(session.id)
    expect(stored.items.map((m) => m.role)).toEqual(['user', 'assistant'])
    expect(stored.items[1]!.metadata.error).toMatchObject({ code: 'PROVIDER_RATE_LIMITED' })
  })

  it('stops mid-stream and keeps what arrived, marked stopped', async () => {
    server.setReplies([{ type: 'stream', texts: ['One', ' two', ' three', ' four'], gapMs: 150 }])
    const e = events()
    const sent = await mirror.chat.send(
      { sessionId: session.id, text: 'Go slowly', pattern: 'analytical', uncertainty: 'none' },
      {
        ...e.listener,
        delta: (x) => {
          e.deltas.push(x.text)
          if (e.deltas.length === 2) mirror.chat.cancel(sent.requestId)
        },
      },
    )
    const outcome = await sent.completion
    expect(outcome.error!.code).toBe('CANCELLED')
    expect(outcome.message).toMatchObject({ status: 'stopped', content: 'One two' })
    await server.requests[0]!.clientGone
  })
})
