import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ProviderRegistry } from '../../../../src/main/llm/providerRegistry'
import { ChatService } from '../../../../src/main/services/chatService'
import { ReflectiveService } from '../../../../src/main/services/reflectiveService'
import { SessionService } from '../../../../src/main/services/sessionService'
import { TitleService } from '../../../../src/main/services/titles/titleService'
import type { Storage } from '../../../../src/main/storage/storage'
import type { Session } from '../../../../src/shared/domain'
import { KINDS, makeProvider } from '../../llm/harness'
import { startLoopback } from '../../llm/servers/loopback'
import type { LoopbackServer, Reply } from '../../llm/servers/loopback'
import type { StorageHandle } from '../helpers'
import { backends, deps } from '../helpers'

const sqlite = backends.find((b) => b.name === 'sqlite')!
const QUESTION = 'How should I prepare for a marathon in three months?'
const OFFLINE_TITLE = 'How should I prepare'

/** A title request: the tiny prompt, not the conversation's system prompt. */
function isTitleRequest(body: unknown): boolean {
  return JSON.stringify(body).includes('Title for this conversation')
}

describe.each(KINDS)('title from a $type provider over its wire format', (kind) => {
  let handle: StorageHandle
  let storage: Storage
  let server: LoopbackServer
  let sessions: SessionService
  let chat: ChatService
  let titles: TitleService
  let session: Session

  function build(timeoutMs: number): void {
    const base = deps(storage)
    const provider = makeProvider(kind, kind.baseUrl(server.url), {
      connectTimeoutMs: 2_000,
      idleTimeoutMs: 5_000,
      retry: { maxRetries: 0 },
    })
    const providers = new ProviderRegistry([provider], provider.id)
    titles = new TitleService({ storage, providers, timeoutMs })
    chat = new ChatService({ ...base, providers, reflective: new ReflectiveService(), titles })
    sessions = new SessionService(base)
  }

  beforeEach(async () => {
    handle = await sqlite.open()
    storage = handle.storage
    server = await startLoopback(kind.wire, [])
    build(5_000)
    session = await sessions.create()
  })
  afterEach(async () => {
    await chat.cancelAll()
    await server.close()
    await handle.dispose()
  })

  async function sendFirst(replies: Reply[]) {
    server.setReplies(replies)
    const announced: string[] = []
    const sent = await chat.send(
      { sessionId: session.id, text: QUESTION, pattern: 'strategic', uncertainty: 'none' },
      { titled: (event) => announced.push(event.title) },
    )
    return { sent, announced }
  }

  it('asks in a separate request after the reply is stored, and cleans the answer', async () => {
    const { sent, announced } = await sendFirst([
      { type: 'stream', texts: ['Build up ', 'slowly.'] },
      { type: 'stream', texts: ['Title: "Marathon ', 'Training Plan."\nExtra line'] },
    ])
    const outcome = await sent.completion
    expect(outcome.message?.content).toBe('Build up slowly.')
    const titled = await sent.titled
    expect(titled?.title).toBe('Marathon Training Plan')
    expect(announced).toEqual(['Marathon Training Plan'])
    expect((await sessions.get(session.id)).title).toBe('Marathon Training Plan')

    expect(server.requests).toHaveLength(2)
    const [reply, title] = server.requests
    expect(reply!.path).toBe(kind.chatPath)
    expect(isTitleRequest(reply!.body)).toBe(false)
    expect(title!.path).toBe(kind.chatPath)
    expect(isTitleRequest(title!.body)).toBe(true)
    // The first exchange goes along, the system prompt is the title one.
    const body = JSON.stringify(title!.body)
    expect(body).toContain(QUESTION)
    expect(body).toContain('Build up slowly.')
    expect(body).toContain('3 to 6 words')
    expect(body).toContain(kind.model)
  })

  it('sends the title request only once the reply is stored, and a hang times out to the offline title', async () => {
    build(400)
    const { sent } = await sendFirst([{ type: 'stream', texts: ['Run often.'] }, { type: 'hang' }])
    const outcome = await sent.completion
    // The reply is complete and stored while the title request is still waiting.
    const stored = await sessions.messages(session.id)
    expect(stored.items.map((m) => m.role)).toEqual(['user', 'assistant'])
    expect(stored.items[1]!.id).toBe(outcome.message!.id)
    expect((await sessions.get(session.id)).title).toBe('New session')
    const titled = await sent.titled
    expect(server.requests).toHaveLength(2)
    expect(isTitleRequest(server.requests[1]!.body)).toBe(true)
    expect(titled?.title).toBe(OFFLINE_TITLE)
  })

  it('falls back to the offline title when the provider answers with an error', async () => {
    const { sent } = await sendFirst([
      { type: 'stream', texts: ['Run often.'] },
      { type: 'status', status: 400, message: 'bad request' },
    ])
    expect((await sent.completion).error).toBeNull()
    expect((await sent.titled)?.title).toBe(OFFLINE_TITLE)
    expect((await sessions.get(session.id)).metadata.titleSource).toBe('auto')
  })

  it('a rename while the title request runs wins', async () => {
    const { sent, announced } = await sendFirst([
      { type: 'stream', texts: ['Run often.'] },
      { type: 'stream', texts: ['Marathon ', 'basics'], gapMs: 300 },
    ])
    await sent.completion
    await vi.waitFor(() => expect(server.requests).toHaveLength(2))
    await sessions.rename(session.id, 'Race plan')
    expect(await sent.titled).toBeNull()
    expect(announced).toEqual([])
    expect(server.requests).toHaveLength(2)
    expect((await sessions.get(session.id)).title).toBe('Race plan')
  })

  it('regenerates through the session provider on demand', async () => {
    const { sent } = await sendFirst([
      { type: 'stream', texts: ['Run often.'] },
      { type: 'stream', texts: ['Marathon basics'] },
    ])
    await sent.titled
    server.setReplies([{ type: 'stream', texts: ['**Three-month marathon prep**'] }])
    const regenerated = await titles.regenerate(session.id)
    expect(regenerated.title).toBe('Three-month marathon prep')
    expect(server.requests).toHaveLength(3)
    expect(isTitleRequest(server.requests[2]!.body)).toBe(true)
  })
})
