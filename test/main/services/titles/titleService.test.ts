import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { OfflineEngine } from '../../../../src/main/llm/offlineEngine'
import { ProviderRegistry } from '../../../../src/main/llm/providerRegistry'
import { ChatService } from '../../../../src/main/services/chatService'
import { ReflectiveService } from '../../../../src/main/services/reflectiveService'
import { SessionService } from '../../../../src/main/services/sessionService'
import { TitleService } from '../../../../src/main/services/titles/titleService'
import type { Storage } from '../../../../src/main/storage/storage'
import type { Session } from '../../../../src/shared/domain'
import { expectMirrorError } from '../../storage/helpers/fixtures'
import type { StorageHandle } from '../helpers'
import { backends, deps } from '../helpers'
import { ScriptedProvider } from '../testProviders'

describe.each(backends)('automatic titles on $name storage', (backend) => {
  let handle: StorageHandle
  let storage: Storage
  let sessions: SessionService
  let titles: TitleService
  let chat: ChatService
  let providers: ProviderRegistry

  beforeEach(async () => {
    handle = await backend.open()
    storage = handle.storage
    const base = deps(storage)
    sessions = new SessionService(base)
    providers = new ProviderRegistry([new OfflineEngine({ delayMs: 0 })])
    titles = new TitleService({ storage, providers })
    chat = new ChatService({ ...base, providers, reflective: new ReflectiveService(), titles })
  })
  afterEach(async () => {
    await chat.cancelAll()
    await handle.dispose()
  })

  async function send(session: Session, text: string, extra: { sensitive?: boolean } = {}) {
    const announced: Array<{ sessionId: string; title: string }> = []
    const sent = await chat.send(
      { sessionId: session.id, text, pattern: 'exploratory', uncertainty: 'none', ...extra },
      { titled: (event) => announced.push(event) },
    )
    const outcome = await sent.completion
    return { outcome, titled: await sent.titled, announced }
  }

  it('names a new session from its first message after the first reply, and only then', async () => {
    const session = await sessions.create()
    expect(session.title).toBe('New session')
    const first = await send(session, 'How do I keep a sourdough starter alive?')
    expect(first.outcome.message?.status).toBe('complete')
    expect(first.titled?.title).toBe('How do I keep a sourdough')
    expect(first.announced).toEqual([{ sessionId: session.id, title: 'How do I keep a sourdough' }])
    const stored = await sessions.get(session.id)
    expect(stored.title).toBe('How do I keep a sourdough')
    expect(stored.metadata.titleSource).toBe('auto')
    // A title is not activity: the list order follows the messages, not the title.
    expect(stored.updatedAt).toBe(first.outcome.message!.createdAt)

    const second = await send(session, 'And what flour should I use?')
    expect(second.titled).toBeNull()
    expect(second.announced).toEqual([])
    expect((await sessions.get(session.id)).title).toBe('How do I keep a sourdough')
  })

  it('names CJK and emoji first messages sensibly', async () => {
    const cjk = await sessions.create()
    expect((await send(cjk, '如何学习日语的语法？')).titled?.title).toBe('如何学习日语的语法')
    const emoji = await sessions.create()
    expect((await send(emoji, '🎉 party ideas for ten kids')).titled?.title).toBe(
      '🎉 party ideas for ten kids',
    )
  })

  it('leaves sessions the user named alone: created with a title, renamed, imported', async () => {
    const created = await sessions.create({ title: 'My plan' })
    expect((await send(created, 'What should I do first?')).titled).toBeNull()
    expect((await sessions.get(created.id)).title).toBe('My plan')

    const renamed = await sessions.create()
    await sessions.rename(renamed.id, 'New session')
    expect((await sessions.get(renamed.id)).metadata.titleSource).toBe('user')
    expect((await send(renamed, 'What should I do first?')).titled).toBeNull()
    expect((await sessions.get(renamed.id)).title).toBe('New session')

    // Imported (or older) sessions carry a title but no titleSource.
    const imported: Session = {
      id: 'session_imported_1',
      title: 'Trip to Kyoto',
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
      messageCount: 0,
      archived: false,
      metadata: {},
    }
    await storage.createSession(imported)
    expect((await send(imported, 'Where should we stay?')).titled).toBeNull()
    expect((await sessions.get(imported.id)).title).toBe('Trip to Kyoto')
  })

  it('does not name a session after a failed reply; the next good one does', async () => {
    providers.register(new ScriptedProvider('broken', [{ throw: new Error('down') }]))
    providers.setDefault('broken')
    const session = await sessions.create()
    const failed = await send(session, 'Tell me about tides')
    expect(failed.outcome.message?.status).toBe('failed')
    expect(failed.titled).toBeNull()
    providers.setDefault('offline')
    expect((await send(session, 'Tell me about tides again')).titled?.title).toBe(
      'Tell me about tides',
    )
  })

  it('never puts a sensitive message into the plain-text title', async () => {
    const session = await sessions.create()
    // No vault here: sensitive content is stored as is by this storage, but the title skips it.
    expect((await send(session, 'My bank PIN is 4321', { sensitive: true })).titled).toBeNull()
    expect((await sessions.get(session.id)).title).toBe('New session')
    await expectMirrorError(titles.regenerate(session.id), 'VALIDATION_FAILED')
  })

  it('regenerates a title on demand, also for a named session, from the first exchange', async () => {
    const session = await sessions.create({ title: 'Mine' })
    await send(session, 'Why is the sky blue?')
    await send(session, 'And why are sunsets red?')
    const regenerated = await titles.regenerate(session.id)
    expect(regenerated.title).toBe('Why is the sky blue')
    expect(regenerated.metadata.titleSource).toBe('auto')
    await expectMirrorError(titles.regenerate('session_missing'), 'NOT_FOUND')
    const empty = await sessions.create()
    await expectMirrorError(titles.regenerate(empty.id), 'VALIDATION_FAILED')
  })

  it('reuses the newest untouched empty session instead of creating another', async () => {
    const first = await sessions.createOrReuse()
    const again = await sessions.createOrReuse()
    expect(again.id).toBe(first.id)
    expect(again.updatedAt > first.updatedAt).toBe(true)
    expect((await sessions.list()).items.map((s) => s.id)).toEqual([first.id])

    // Named, archived or used sessions are not "untouched".
    await sessions.rename(first.id, 'Named')
    const second = await sessions.createOrReuse()
    expect(second.id).not.toBe(first.id)
    await sessions.archive(second.id)
    const third = await sessions.createOrReuse()
    expect(third.id).not.toBe(second.id)
    await send(third, 'Hello there, how are you?')
    const fourth = await sessions.createOrReuse()
    expect([first.id, second.id, third.id]).not.toContain(fourth.id)
    // The CLI/API create keeps its meaning: always a new session.
    const created = await sessions.create()
    expect(created.id).not.toBe(fourth.id)
    expect((await sessions.createOrReuse()).id).toBe(created.id)
  })

  it('does not reuse an empty session the user pinned or filed in a folder', async () => {
    const pinned = await sessions.createOrReuse()
    await storage.updateSession(pinned.id, { pinned: true })
    const filed = await sessions.createOrReuse()
    expect(filed.id).not.toBe(pinned.id)
    await storage.createFolder({ id: 'folder_t', name: 'Later', createdAt: filed.createdAt })
    await storage.updateSession(filed.id, { folderId: 'folder_t' })
    const fresh = await sessions.createOrReuse()
    expect([pinned.id, filed.id]).not.toContain(fresh.id)
  })
})
