import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { OfflineEngine } from '../../../src/main/llm/offlineEngine'
import type { ProviderRequest } from '../../../src/main/llm/provider'
import { ProviderRegistry } from '../../../src/main/llm/providerRegistry'
import { REPLY_PRIMING_TOKENS, countMessageTokens } from '../../../src/main/llm/tokenizer'
import { ChatService } from '../../../src/main/services/chatService'
import type { ChatListener, ChatSendInput } from '../../../src/main/services/contracts'
import { ReflectiveService } from '../../../src/main/services/reflectiveService'
import { SessionService } from '../../../src/main/services/sessionService'
import type { Storage } from '../../../src/main/storage/storage'
import type { Message, Session } from '../../../src/shared/domain'
import { MirrorError } from '../../../src/shared/errors'
import { expectMirrorError } from '../storage/helpers/fixtures'
import type { StorageHandle } from './helpers'
import { backends, deps } from './helpers'
import { ScriptedProvider } from './testProviders'

interface Recorded {
  events: Array<{ type: string; payload: unknown }>
  deltas: string[]
  listener: ChatListener
}

function recorder(onDelta?: (text: string, count: number) => void): Recorded {
  const events: Recorded['events'] = []
  const deltas: string[] = []
  return {
    events,
    deltas,
    listener: {
      started: (e) => events.push({ type: 'started', payload: e }),
      delta: (e) => {
        deltas.push(e.text)
        events.push({ type: 'delta', payload: e })
        onDelta?.(e.text, deltas.length)
      },
      done: (e) => events.push({ type: 'done', payload: e }),
      error: (e) => events.push({ type: 'error', payload: e }),
    },
  }
}

describe.each(backends)('ChatService on $name storage', (backend) => {
  let handle: StorageHandle
  let storage: Storage
  let sessions: SessionService
  let providers: ProviderRegistry
  let reflective: ReflectiveService
  let chat: ChatService
  let session: Session

  function makeChat(
    extra: Partial<ConstructorParameters<typeof ChatService>[0]> = {},
  ): ChatService {
    return new ChatService({ ...deps(storage), providers, reflective, ...extra })
  }

  beforeEach(async () => {
    handle = await backend.open()
    storage = handle.storage
    sessions = new SessionService(deps(storage))
    providers = new ProviderRegistry([new OfflineEngine({ delayMs: 0 })])
    reflective = new ReflectiveService()
    chat = makeChat()
    session = await sessions.create({ title: 'Chat test' })
  })
  afterEach(async () => {
    await chat.cancelAll()
    await handle.dispose()
  })

  const stored = async (): Promise<Message[]> => (await sessions.messages(session.id)).items

  it('stores the user message, streams the reply and stores it with every field', async () => {
    const rec = recorder()
    const text = 'I want to understand why my mornings feel so rushed.'
    const { requestId, userMessage, completion } = await chat.send(
      { sessionId: session.id, text, pattern: 'analytical', uncertainty: 'low' },
      rec.listener,
    )
    expect(userMessage).toMatchObject({
      sessionId: session.id,
      role: 'user',
      content: text,
      pattern: 'analytical',
      uncertainty: 'low',
      sensitive: false,
      status: 'complete',
      provider: null,
      model: null,
      metadata: {},
    })
    // The first message of the session: stored with no parent.
    expect(await storage.getMessage(userMessage.id)).toEqual({ ...userMessage, parentId: null })

    const outcome = await completion
    expect(outcome.error).toBeNull()
    const reply = outcome.message!
    expect(rec.deltas.length).toBeGreaterThan(10)
    expect(reply.content).toBe(rec.deltas.join(''))
    expect(reply).toMatchObject({
      sessionId: session.id,
      role: 'assistant',
      pattern: 'analytical',
      uncertainty: 'low',
      sensitive: false,
      status: 'complete',
      provider: 'offline',
      model: 'reflective-offline-1',
    })
    expect(reply.content.startsWith('✦ ')).toBe(true)
    expect(reply.metadata.reflection).toEqual(reflective.analyze(reply.content))
    expect(reply.metadata.reflection!.level).toBe('high')
    expect(reply.metadata.usage!.outputTokens).toBe(Math.ceil(reply.content.length / 4))
    expect(reply.createdAt > userMessage.createdAt).toBe(true)

    const onPath = { versionIndex: 1, versionCount: 1 }
    expect(await stored()).toEqual([
      { ...userMessage, parentId: null, ...onPath },
      { ...reply, parentId: userMessage.id, ...onPath },
    ])
    expect((await sessions.get(session.id)).messageCount).toBe(2)
    const types = rec.events.map((e) => e.type)
    expect(types[0]).toBe('started')
    expect(types[types.length - 1]).toBe('done')
    expect(rec.events[0]!.payload).toEqual({
      requestId,
      sessionId: session.id,
      provider: 'offline',
      model: 'reflective-offline-1',
    })
    expect(rec.events[types.length - 1]!.payload).toEqual({
      requestId,
      sessionId: session.id,
      message: reply,
    })
    expect(chat.cancel(requestId)).toBe(false)
  })

  it('resolves send before the first event is delivered', async () => {
    let resolved = false
    const order: string[] = []
    const sent = chat.send(
      { sessionId: session.id, text: 'hello there', pattern: 'creative', uncertainty: 'none' },
      { started: () => order.push(resolved ? 'started-after-send' : 'started-before-send') },
    )
    const { completion } = await sent
    resolved = true
    await completion
    expect(order).toEqual(['started-after-send'])
  })

  it('sends the system prompt and the session history, in order, to the provider', async () => {
    const scripted = new ScriptedProvider('scripted', [{ text: 'ok' }])
    providers.register(scripted)
    const texts = ['first thought', 'second thought', 'third thought']
    for (const text of texts) {
      const { completion } = await chat.send({
        sessionId: session.id,
        text,
        pattern: 'exploratory',
        uncertainty: 'none',
        providerId: 'scripted',
      })
      await completion
    }
    const last = scripted.requests[2]!
    expect(last.system).toBe(reflective.systemPrompt('exploratory', 'none'))
    expect(last).toMatchObject({ model: 'scripted-1', pattern: 'exploratory', uncertainty: 'none' })
    expect(last.messages).toEqual([
      { role: 'user', content: 'first thought' },
      { role: 'assistant', content: 'ok' },
      { role: 'user', content: 'second thought' },
      { role: 'assistant', content: 'ok' },
      { role: 'user', content: 'third thought' },
    ])
    const replies = (await stored()).filter((m) => m.role === 'assistant')
    expect(replies.map((m) => [m.provider, m.model, m.status])).toEqual(
      Array(3).fill(['scripted', 'scripted-1', 'complete']),
    )
    expect(replies[0]!.metadata.usage).toBeUndefined()
  })

  it('keeps the newest messages that fit the context window and records what was sent', async () => {
    const scripted = new ScriptedProvider('scripted', [{ text: 'reply' }])
    providers.register(scripted)
    const system = reflective.systemPrompt('strategic', 'none')
    // Room for the system prompt, the reply priming and exactly three short messages.
    const fixed = countMessageTokens(system, 'scripted-1') + REPLY_PRIMING_TOKENS
    const perMessage = countMessageTokens('note 0', 'scripted-1')
    expect(countMessageTokens('reply', 'scripted-1')).toBe(perMessage)
    const window = fixed + 3 * perMessage
    const small = makeChat({ contextBudget: { contextWindow: window, reserveForReply: 0 } })
    const replies: Message[] = []
    for (let i = 0; i < 4; i++) {
      const { completion } = await small.send({
        sessionId: session.id,
        text: `note ${i}`,
        pattern: 'strategic',
        uncertainty: 'none',
        providerId: 'scripted',
      })
      const { message } = await completion
      replies.push(message!)
      expect(message!.metadata.context!.truncated).toBe(i >= 2)
      expect(message!.metadata.context!.tokens.window).toBe(window)
    }
    expect(scripted.requests[3]!.messages).toEqual([
      { role: 'user', content: 'note 2' },
      { role: 'assistant', content: 'reply' },
      { role: 'user', content: 'note 3' },
    ])
    const all = await stored()
    const byContent = (content: string, role: string) =>
      all.find((m) => m.content === content && m.role === role)!.id
    expect(replies[3]!.metadata.context).toEqual({
      tokens: { used: window, window },
      messageIds: [byContent('note 2', 'user'), replies[2]!.id, byContent('note 3', 'user')],
      truncated: true,
      tokenizer: 'estimate',
    })
    const tight = makeChat({ contextBudget: { contextWindow: 300, reserveForReply: 0 } })
    const huge = 'x'.repeat(5000)
    await (
      await tight.send({
        sessionId: session.id,
        text: huge,
        pattern: 'strategic',
        uncertainty: 'none',
        providerId: 'scripted',
      })
    ).completion
    // The new message is always sent, even when it alone is over budget.
    expect(scripted.requests[4]!.messages).toEqual([{ role: 'user', content: huge }])
  })

  it('keeps a stopped reply with what arrived, even from a provider that ignores the signal', async () => {
    const scripted = new ScriptedProvider('scripted', [
      { text: 'Partial ' },
      { text: 'answer' },
      { gate: true },
      { text: ' never seen' },
    ])
    providers.register(scripted)
    const rec = recorder()
    const { requestId, completion } = await chat.send(
      {
        sessionId: session.id,
        text: 'go',
        pattern: 'creative',
        uncertainty: 'medium',
        providerId: 'scripted',
      },
      rec.listener,
    )
    await scripted.waitAtGate()
    expect(chat.cancel(requestId)).toBe(true)
    expect(chat.cancel(requestId)).toBe(false)
    const outcome = await completion
    expect(outcome.error?.code).toBe('CANCELLED')
    expect(outcome.message).toMatchObject({
      content: 'Partial answer',
      status: 'stopped',
      provider: 'scripted',
      model: 'scripted-1',
      pattern: 'creative',
      uncertainty: 'medium',
    })
    expect(outcome.message!.metadata.error).toBeUndefined()
    expect((await stored()).map((m) => [m.role, m.status, m.content])).toEqual([
      ['user', 'complete', 'go'],
      ['assistant', 'stopped', 'Partial answer'],
    ])
    const last = rec.events[rec.events.length - 1]!
    expect(last.type).toBe('error')
    expect(last.payload).toMatchObject({
      requestId,
      error: { code: 'CANCELLED' },
      message: outcome.message,
    })
    scripted.release()
  })

  it('stops the offline engine mid-stream from inside a delta callback', async () => {
    providers.register(new OfflineEngine({ delayMs: 2 }))
    let requestId = ''
    const rec = recorder((_text, count) => {
      if (count === 4) chat.cancel(requestId)
    })
    const sent = await chat.send(
      {
        sessionId: session.id,
        text: 'Tell me about patience',
        pattern: 'strategic',
        uncertainty: 'low',
      },
      rec.listener,
    )
    requestId = sent.requestId
    const { message, error } = await sent.completion
    expect(error?.code).toBe('CANCELLED')
    expect(rec.deltas).toHaveLength(4)
    expect(message!.content).toBe(rec.deltas.join(''))
    expect(message!.status).toBe('stopped')
    expect(message!.metadata.reflection).toEqual(reflective.analyze(message!.content))
  })

  it('stores nothing more when stopped before any text arrived', async () => {
    const scripted = new ScriptedProvider('scripted', [{ gate: true }, { text: 'late' }])
    providers.register(scripted)
    const rec = recorder()
    const { requestId, completion } = await chat.send(
      {
        sessionId: session.id,
        text: 'hm',
        pattern: 'creative',
        uncertainty: 'none',
        providerId: 'scripted',
      },
      rec.listener,
    )
    await scripted.waitAtGate()
    chat.cancel(requestId)
    expect(await completion).toEqual({
      message: null,
      error: { code: 'CANCELLED', message: 'The reply was stopped.' },
    })
    expect((await stored()).map((m) => m.role)).toEqual(['user'])
    expect(rec.events.map((e) => e.type)).toEqual(['started', 'error'])
    scripted.release()
  })

  it('marks a reply failed when the provider fails mid-stream, keeping the partial text', async () => {
    const failure = new MirrorError(
      'PROVIDER_STREAM_INTERRUPTED',
      'The connection to the model dropped.',
    )
    providers.register(
      new ScriptedProvider('scripted', [
        { text: 'Half a ' },
        { text: 'thought' },
        { throw: failure },
      ]),
    )
    const rec = recorder()
    const { completion } = await chat.send(
      {
        sessionId: session.id,
        text: 'go',
        pattern: 'analytical',
        uncertainty: 'high',
        providerId: 'scripted',
      },
      rec.listener,
    )
    const { message, error } = await completion
    expect(error).toEqual({ code: 'PROVIDER_STREAM_INTERRUPTED', message: failure.message })
    expect(message).toMatchObject({
      status: 'failed',
      content: 'Half a thought',
      provider: 'scripted',
    })
    expect(message!.metadata.error).toEqual(error)
    const [asked, replied] = await stored()
    expect(replied).toEqual({ ...message, parentId: asked!.id, versionIndex: 1, versionCount: 1 })
    expect(rec.events[rec.events.length - 1]).toEqual({
      type: 'error',
      payload: { requestId: expect.any(String), sessionId: session.id, error, message },
    })
  })

  it('turns a non-MirrorError into INTERNAL without leaking its message', async () => {
    providers.register(
      new ScriptedProvider('scripted', [
        { text: 'Some text' },
        { throw: new Error('secret path /x') },
      ]),
    )
    const { completion } = await chat.send({
      sessionId: session.id,
      text: 'go',
      pattern: 'analytical',
      uncertainty: 'none',
      providerId: 'scripted',
    })
    const { message, error } = await completion
    expect(error!.code).toBe('INTERNAL')
    expect(JSON.stringify({ message, error })).not.toMatch(/secret|\/x/)
    expect(message).toMatchObject({ status: 'failed', content: 'Some text', metadata: { error } })
    const storedAgain = await storage.getMessage(message!.id)
    expect(JSON.stringify(storedAgain)).not.toMatch(/secret/)
  })

  it('keeps a reply that failed before any text in the thread, empty and marked failed', async () => {
    providers.register(
      new ScriptedProvider('scripted', [
        { throw: new MirrorError('PROVIDER_UNREACHABLE', 'Cannot reach the model.') },
      ]),
    )
    const { userMessage, completion } = await chat.send({
      sessionId: session.id,
      text: 'go',
      pattern: 'analytical',
      uncertainty: 'none',
      providerId: 'scripted',
    })
    const error = { code: 'PROVIDER_UNREACHABLE', message: 'Cannot reach the model.' }
    const outcome = await completion
    expect(outcome.error).toEqual(error)
    expect(outcome.message).toMatchObject({
      role: 'assistant',
      content: '',
      status: 'failed',
      parentId: userMessage.id,
      metadata: { error },
    })
    expect((await stored()).map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'failed'],
    ])
  })

  it('rejects bad input and stores nothing', async () => {
    const base = { sessionId: session.id, pattern: 'creative', uncertainty: 'low' } as const
    for (const text of ['', '   ', '\n\t ']) {
      const error = await expectMirrorError(chat.send({ ...base, text }), 'VALIDATION_FAILED')
      expect(error.message).toBe('Message is empty.')
    }
    await expectMirrorError(chat.send({ ...base, text: 'x'.repeat(200_001) }), 'VALIDATION_FAILED')
    await expectMirrorError(
      chat.send({ ...base, sessionId: 'session_1_nope', text: 'hi' }),
      'NOT_FOUND',
    )
    await expectMirrorError(
      chat.send({ ...base, text: 'hi', providerId: 'openai' }),
      'PROVIDER_NOT_CONFIGURED',
    )
    const poetic = { ...base, text: 'hi', pattern: 'poetic' } as unknown as ChatSendInput
    await expectMirrorError(chat.send(poetic), 'VALIDATION_FAILED')
    expect(await stored()).toEqual([])
    expect((await sessions.get(session.id)).messageCount).toBe(0)
    expect(chat.cancel('req_unknown')).toBe(false)
  })

  describe('when the user message is written', () => {
    /** Storage that logs each append (and can refuse the user's), beside the real one. */
    function logged(order: string[], refuseUser?: MirrorError): Storage {
      return new Proxy(storage, {
        get(target, prop, receiver) {
          if (prop === 'appendMessage') {
            return async (m: Message) => {
              order.push(`store ${m.role}`)
              if (refuseUser && m.role === 'user') throw refuseUser
              return target.appendMessage(m)
            }
          }
          const value: unknown = Reflect.get(target, prop, receiver)
          return typeof value === 'function' ? value.bind(target) : value
        },
      })
    }

    /** Logs when the provider is asked for a reply and keeps the signal it was given. */
    class LoggedProvider extends ScriptedProvider {
      signal: AbortSignal | null = null
      constructor(
        private readonly order: string[],
        steps: ConstructorParameters<typeof ScriptedProvider>[1],
      ) {
        super('logged', steps)
      }
      override stream(request: ProviderRequest, signal?: AbortSignal) {
        this.order.push('request')
        this.signal = signal ?? null
        return super.stream(request)
      }
    }

    const input = (sensitive: boolean): ChatSendInput => ({
      sessionId: session.id,
      text: 'Thinking about the move',
      pattern: 'exploratory',
      uncertainty: 'none',
      sensitive,
      providerId: 'logged',
    })

    it('asks the provider first and stores the message meanwhile; send resolves once it is stored', async () => {
      const order: string[] = []
      providers.register(new LoggedProvider(order, [{ text: 'reply' }]))
      const service = makeChat({ storage: logged(order) })
      const { userMessage, completion } = await service.send(input(false))
      expect((await stored()).map((m) => m.id)).toEqual([userMessage.id])
      const { message } = await completion
      expect(order).toEqual(['request', 'store user', 'store assistant'])
      // The message still counts as what the model saw, last.
      expect(message!.metadata.context?.messageIds).toEqual([userMessage.id])
    })

    it('stores a sensitive message, encrypted, before anything is sent', async () => {
      const order: string[] = []
      providers.register(new LoggedProvider(order, [{ text: 'reply' }]))
      const service = makeChat({ storage: logged(order) })
      await (
        await service.send(input(true))
      ).completion
      expect(order).toEqual(['store user', 'request', 'store assistant'])
    })

    it('when the message cannot be stored: send throws, the request is stopped, nothing is reported or stored', async () => {
      const order: string[] = []
      const provider = new LoggedProvider(order, [{ gate: true }, { text: 'too late' }])
      providers.register(provider)
      const refused = new MirrorError('NOT_FOUND', 'Session not found.')
      const service = makeChat({ storage: logged(order, refused) })
      const events = recorder()
      await expect(service.send(input(false), events.listener)).rejects.toBe(refused)
      expect(provider.signal?.aborted).toBe(true)
      await service.cancelAll()
      provider.release()
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(events.events).toEqual([])
      expect(order).toEqual(['request', 'store user'])
      expect(await stored()).toEqual([])
    })
  })

  it('marks both messages of a sensitive turn as sensitive', async () => {
    const { userMessage, completion } = await chat.send({
      sessionId: session.id,
      text: 'My diagnosis worries me',
      pattern: 'exploratory',
      uncertainty: 'none',
      sensitive: true,
    })
    const { message } = await completion
    expect(userMessage.sensitive).toBe(true)
    expect(message!.sensitive).toBe(true)
    expect((await stored()).map((m) => m.sensitive)).toEqual([true, true])
  })

  it('still stores the reply when a listener throws', async () => {
    const boom = (): never => {
      throw new Error('window closed')
    }
    const { completion } = await chat.send(
      { sessionId: session.id, text: 'still here?', pattern: 'creative', uncertainty: 'none' },
      { started: boom, delta: boom, done: boom },
    )
    const { message, error } = await completion
    expect(error).toBeNull()
    expect(message!.status).toBe('complete')
    expect((await stored()).length).toBe(2)
  })

  it('resolves with an error when the session is deleted during the reply', async () => {
    const scripted = new ScriptedProvider('scripted', [
      { text: 'a' },
      { gate: true },
      { text: 'b' },
    ])
    providers.register(scripted)
    const { completion } = await chat.send({
      sessionId: session.id,
      text: 'go',
      pattern: 'creative',
      uncertainty: 'none',
      providerId: 'scripted',
    })
    await scripted.waitAtGate()
    await sessions.delete(session.id)
    scripted.release()
    const outcome = await completion
    expect(outcome.message).toBeNull()
    expect(outcome.error?.code).toBe('NOT_FOUND')
  })

  it('cancelAll stops running replies and waits until they are stored', async () => {
    const scripted = new ScriptedProvider('scripted', [{ text: 'kept' }, { gate: true }])
    providers.register(scripted)
    const { completion } = await chat.send({
      sessionId: session.id,
      text: 'go',
      pattern: 'creative',
      uncertainty: 'none',
      providerId: 'scripted',
    })
    await scripted.waitAtGate()
    await chat.cancelAll()
    expect((await stored()).map((m) => m.status)).toEqual(['complete', 'stopped'])
    expect((await completion).message!.content).toBe('kept')
    scripted.release()
  })
})
