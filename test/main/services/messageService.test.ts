import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { OfflineEngine } from '../../../src/main/llm/offlineEngine'
import { ProviderRegistry } from '../../../src/main/llm/providerRegistry'
import { ChatService } from '../../../src/main/services/chatService'
import type { ChatOutcome } from '../../../src/main/services/contracts'
import { MessageService } from '../../../src/main/services/messageService'
import { ReflectiveService } from '../../../src/main/services/reflectiveService'
import { SessionService } from '../../../src/main/services/sessionService'
import { UndoDeletes } from '../../../src/main/services/undoDeletes'
import { openJsonStorage } from '../../../src/main/storage/json/jsonStorage'
import type { Storage } from '../../../src/main/storage/storage'
import type { Message, Session } from '../../../src/shared/domain'
import { expectMirrorError } from '../storage/helpers/fixtures'
import type { StorageHandle } from './helpers'
import { backends, steppingClock } from './helpers'
import { createIdGenerator } from '../../../src/main/services/ids'
import { ScriptedProvider } from './testProviders'

const withJson = [
  ...backends,
  {
    name: 'json',
    open: async (): Promise<StorageHandle> => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amos-messages-json-'))
      const storage = await openJsonStorage(dir)
      return {
        storage,
        dispose: async () => {
          await storage.close()
          fs.rmSync(dir, { recursive: true, force: true })
        },
      }
    },
  },
]

/** What a path looks like, for comparing: role and text of each message, oldest first. */
const shape = (items: Message[]): string[] => items.map((m) => `${m.role}:${m.content}`)

describe.each(withJson)('MessageService on $name storage', (backend) => {
  let handle: StorageHandle
  let storage: Storage
  let sessions: SessionService
  let chat: ChatService
  let messages: MessageService
  let scripted: ScriptedProvider
  let providers: ProviderRegistry
  let session: Session
  let clockMs: number

  beforeEach(async () => {
    handle = await backend.open()
    storage = handle.storage
    const stepping = steppingClock()
    // The clock can jump (undo expiry); otherwise it steps a second per reading.
    clockMs = 0
    const clock = { now: () => new Date(stepping.now().getTime() + clockMs) }
    const ids = createIdGenerator(clock)
    scripted = new ScriptedProvider('scripted', [{ text: 'reply' }])
    providers = new ProviderRegistry([new OfflineEngine({ delayMs: 0 }), scripted])
    providers.setDefault('scripted')
    const reflective = new ReflectiveService()
    sessions = new SessionService({ storage, clock, ids })
    chat = new ChatService({ storage, providers, reflective, clock, ids })
    messages = new MessageService({
      storage,
      providers,
      turns: chat.turns,
      clock,
      ids,
      undo: new UndoDeletes(clock),
    })
    session = await sessions.create({ title: 'Garden' })
  })
  afterEach(async () => {
    await chat.cancelAll()
    await handle.dispose()
  })

  const currentPath = async (): Promise<Message[]> => (await sessions.messages(session.id)).items
  async function turn(text: string): Promise<{ user: Message; reply: Message }> {
    const sent = await chat.send({
      sessionId: session.id,
      text,
      pattern: 'analytical',
      uncertainty: 'low',
    })
    const outcome = await sent.completion
    return { user: sent.userMessage, reply: outcome.message! }
  }
  const finished = async (started: { completion: Promise<ChatOutcome> }): Promise<Message> =>
    (await started.completion).message!

  it('edit adds a version of the user message and a reply below it; the old ones stay', async () => {
    const first = await turn('first')
    const second = await turn('second')
    const edited = await messages.edit({ messageId: second.user.id, text: 'second, edited' })
    expect(edited.userMessage).toMatchObject({
      content: 'second, edited',
      parentId: first.reply.id,
      versionIndex: 2,
      versionCount: 2,
      pattern: 'analytical',
      uncertainty: 'low',
    })
    const reply = await finished(edited)
    expect(reply.parentId).toBe(edited.userMessage.id)
    // The model saw the new path, not the old version or its reply.
    expect(shape((await currentPath()).slice(0, 3))).toEqual([
      'user:first',
      'assistant:reply',
      'user:second, edited',
    ])
    const request = scripted.requests.at(-1)!
    expect(request.messages.map((m) => m.content)).toEqual(['first', 'reply', 'second, edited'])
    const versions = await messages.versions(second.user.id)
    expect(versions.map((m) => [m.id, m.versionIndex, m.versionCount])).toEqual([
      [second.user.id, 1, 2],
      [edited.userMessage.id, 2, 2],
    ])
    // The old version and its reply are intact.
    expect(await storage.getMessage(second.reply.id)).toMatchObject({ content: 'reply' })
    expect((await sessions.get(session.id)).messageCount).toBe(6)
  })

  it('edit refuses replies and blank text, and changes nothing', async () => {
    const { reply } = await turn('first')
    const err = await expectMirrorError(
      messages.edit({ messageId: reply.id, text: 'x' }),
      'VALIDATION_FAILED',
    )
    expect(err.message).toMatch(/Only your own messages/)
    const { user } = await turn('second')
    await expectMirrorError(messages.edit({ messageId: user.id, text: '  ' }), 'VALIDATION_FAILED')
    await expectMirrorError(messages.edit({ messageId: 'msg_nope', text: 'x' }), 'NOT_FOUND')
    expect((await sessions.get(session.id)).messageCount).toBe(4)
  })

  it('regenerate adds a sibling reply with this turn’s options; the context ends at its parent', async () => {
    await turn('first')
    const second = await turn('second')
    const started = await messages.regenerate({
      messageId: second.reply.id,
      pattern: 'creative',
      uncertainty: 'high',
      model: 'scripted-2',
    })
    expect(started.sessionId).toBe(session.id)
    const reply = await finished(started)
    expect(reply).toMatchObject({
      parentId: second.user.id,
      pattern: 'creative',
      uncertainty: 'high',
      model: 'scripted-2',
      status: 'complete',
    })
    const request = scripted.requests.at(-1)!
    expect(request.messages.map((m) => m.content)).toEqual(['first', 'reply', 'second'])
    expect(request.model).toBe('scripted-2')
    const current = await currentPath()
    expect(current.at(-1)).toMatchObject({ id: reply.id, versionIndex: 2, versionCount: 2 })
    expect((await messages.versions(reply.id)).map((m) => m.id)).toEqual([
      second.reply.id,
      reply.id,
    ])
  })

  it('regenerating an earlier reply sends only the path up to its parent', async () => {
    const first = await turn('first')
    await turn('second')
    await turn('third')
    const reply = await finished(await messages.regenerate({ messageId: first.reply.id }))
    expect(scripted.requests.at(-1)!.messages.map((m) => m.content)).toEqual(['first'])
    expect(shape(await currentPath())).toEqual(['user:first', 'assistant:reply'])
    expect(reply.parentId).toBe(first.user.id)
    // Switching back to the old reply brings the whole later conversation back.
    await messages.switch(first.reply.id)
    expect(shape(await currentPath()).map((s) => s.split(':')[1])).toEqual([
      'first',
      'reply',
      'second',
      'reply',
      'third',
      'reply',
    ])
  })

  it('regenerate refuses a user message', async () => {
    const { user } = await turn('first')
    const err = await expectMirrorError(
      messages.regenerate({ messageId: user.id }),
      'VALIDATION_FAILED',
    )
    expect(err.message).toMatch(/Only replies/)
  })

  it('switch restores the whole path below the version, down the branch used last', async () => {
    const first = await turn('first')
    const second = await turn('second')
    const edited = await messages.edit({ messageId: first.user.id, text: 'first, again' })
    await finished(edited)
    expect(shape(await currentPath())).toEqual(['user:first, again', 'assistant:reply'])
    const session1 = await messages.switch(first.user.id)
    expect(session1.currentLeafId).toBe(second.reply.id)
    const restored = await currentPath()
    expect(restored.map((m) => m.id)).toEqual([
      first.user.id,
      first.reply.id,
      second.user.id,
      second.reply.id,
    ])
    expect(restored[0]).toMatchObject({ versionIndex: 1, versionCount: 2 })
    await messages.switch(edited.userMessage.id)
    expect(shape(await currentPath())).toEqual(['user:first, again', 'assistant:reply'])
    await expectMirrorError(messages.switch('msg_missing'), 'NOT_FOUND')
  })

  it('delete removes the message and everything below it; undo puts back exactly that', async () => {
    const first = await turn('first')
    const second = await turn('second')
    await finished(await messages.regenerate({ messageId: second.reply.id }))
    await turn('third')
    const tree = async (): Promise<Message[]> => (await storage.listTree(session.id)).items
    const before = {
      path: await currentPath(),
      tree: await tree(),
      session: await sessions.get(session.id),
    }

    const deleted = await messages.delete(second.user.id)
    expect(deleted.removed).toBe(5)
    expect(deleted.undoToken).toMatch(/^undo_[A-Za-z0-9_-]+$/)
    expect(deleted.session.messageCount).toBe(2)
    expect(shape(await currentPath())).toEqual(['user:first', 'assistant:reply'])
    await expectMirrorError(storage.getMessage(second.reply.id), 'NOT_FOUND')
    expect(messages.hasUndo(deleted.undoToken)).toBe(true)

    const restored = await messages.undoDelete(deleted.undoToken)
    expect(restored).toMatchObject({ messageId: second.user.id, restored: 5 })
    expect(restored.session.messageCount).toBe(before.session.messageCount)
    expect(restored.session.currentLeafId).toBe(before.session.currentLeafId)
    expect(await currentPath()).toEqual(before.path)
    const sortById = (items: Message[]) => [...items].sort((a, b) => a.id.localeCompare(b.id))
    expect(sortById(await tree())).toEqual(sortById(before.tree))
    expect(first.user.id).toBe(before.path[0]!.id)
    // A token works once.
    await expectMirrorError(messages.undoDelete(deleted.undoToken), 'NOT_FOUND')
  })

  it('an undo token expires after ten minutes with a clear NOT_FOUND', async () => {
    const { user } = await turn('first')
    const deleted = await messages.delete(user.id)
    clockMs = 10 * 60 * 1000 + 1
    const err = await expectMirrorError(messages.undoDelete(deleted.undoToken), 'NOT_FOUND')
    expect(err.message).toMatch(/can no longer be undone/)
    expect((await sessions.get(session.id)).messageCount).toBe(0)
  })

  it('branch copies the path up to the message into a new session with new ids', async () => {
    await sessions.setPreferences(session.id, { pattern: 'strategic', uncertainty: 'medium' })
    const first = await turn('first')
    const second = await turn('second')
    await turn('third')
    const branched = await messages.branch(second.user.id)
    expect(branched).toMatchObject({
      title: 'Garden (branch)',
      messageCount: 3,
      metadata: {
        preferences: { pattern: 'strategic', uncertainty: 'medium' },
        branchedFrom: { sessionId: session.id, messageId: second.user.id },
      },
    })
    const copied = (await sessions.messages(branched.id)).items
    expect(shape(copied)).toEqual(['user:first', 'assistant:reply', 'user:second'])
    const originals = [first.user.id, first.reply.id, second.user.id]
    expect(copied.some((m) => originals.includes(m.id))).toBe(false)
    expect(copied.map((m) => m.parentId)).toEqual([null, copied[0]!.id, copied[1]!.id])
    expect(branched.currentLeafId).toBe(copied[2]!.id)
    expect(copied.every((m) => m.sessionId === branched.id)).toBe(true)
    // The source is untouched, and the branch goes on by itself.
    expect((await sessions.get(session.id)).messageCount).toBe(6)
    const sent = await chat.send({
      sessionId: branched.id,
      text: 'fourth',
      pattern: 'analytical',
      uncertainty: 'none',
    })
    await sent.completion
    expect((await sessions.messages(branched.id)).items).toHaveLength(5)
    expect((await sessions.get(session.id)).messageCount).toBe(6)
  })

  it('branch keeps a long title within 200 characters', async () => {
    const long = await sessions.create({ title: 'x'.repeat(200) })
    const sent = await chat.send({
      sessionId: long.id,
      text: 'hello',
      pattern: 'analytical',
      uncertainty: 'none',
    })
    await sent.completion
    const branched = await messages.branch(sent.userMessage.id)
    expect(branched.title).toHaveLength(200)
    expect(branched.title.endsWith(' (branch)')).toBe(true)
  })

  it('chat.cancel stops a regenerated reply; nothing new is kept when no text arrived', async () => {
    const { reply } = await turn('first')
    const gated = new ScriptedProvider('gated', [{ gate: true }, { text: 'late' }])
    providers.register(gated)
    const started = await messages.regenerate({ messageId: reply.id, providerId: 'gated' })
    await gated.waitAtGate()
    expect(chat.cancel(started.requestId)).toBe(true)
    const outcome = await started.completion
    expect(outcome).toEqual({
      message: null,
      error: { code: 'CANCELLED', message: 'The reply was stopped.' },
    })
    expect((await messages.versions(reply.id)).map((m) => m.id)).toEqual([reply.id])
    expect((await currentPath()).at(-1)!.id).toBe(reply.id)
    gated.release()
  })
})
