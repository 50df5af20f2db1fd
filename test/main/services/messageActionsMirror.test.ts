import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Mirror } from '../../../src/main/mirrorApi'
import type { StorageKind } from '../../../src/main/storage/storage'
import type { ContinuityEntry } from '../../../src/shared/continuity'
import { continuityMirror } from '../continuity/helpers/mirror'
import { startLoopback } from '../llm/servers/loopback'
import type { LoopbackServer } from '../llm/servers/loopback'
import { ollamaWire } from '../llm/servers/wires'
import type { TempMirror } from '../helpers/tempMirror'
import {
  expectCode,
  filesContaining,
  mirrorFixture,
  VAULT_PASSWORD,
} from '../vault/helpers/mirrorFixture'

const SECRET = 'VERMILION-OTTER-4471 and the appointment'

let fx: TempMirror | null = null
let server: LoopbackServer | null = null
beforeAll(() => {
  process.env.AMOS_OFFLINE_DELAY_MS = '0'
})
afterEach(async () => {
  await fx?.cleanup()
  fx = null
  await server?.close()
  server = null
})

async function say(mirror: Mirror, sessionId: string, text: string, sensitive = false) {
  const sent = await mirror.chat.send({
    sessionId,
    text,
    pattern: 'exploratory',
    uncertainty: 'none',
    sensitive,
  })
  const outcome = await sent.completion
  return { user: sent.userMessage, reply: outcome.message!, error: outcome.error }
}

async function entries(mirror: Mirror): Promise<ContinuityEntry[]> {
  return [...(await mirror.continuity.log.list({ limit: 500 })).items].reverse()
}

describe('message actions through the real mirror', () => {
  it('Retry on a reply that failed at a real provider: the failed one stays as version 1', async () => {
    server = await startLoopback(ollamaWire, [
      { type: 'status', status: 500, message: 'model crashed' },
      { type: 'stream', texts: ['Second ', 'try.'] },
    ])
    fx = await continuityMirror()
    const { mirror } = fx
    await mirror.providerSettings.add({
      id: 'local',
      type: 'ollama',
      model: 'llama3.2',
      baseUrl: server.url,
    })
    await mirror.providerSettings.setDefault('local')
    const session = await mirror.sessions.create({ title: 'Flaky' })
    const failed = await say(mirror, session.id, 'Are you there?')
    expect(failed.error).not.toBeNull()
    expect(failed.reply).toMatchObject({ status: 'failed', content: '', role: 'assistant' })
    // It lives in the thread, with the error in words.
    const thread = (await mirror.sessions.messages(session.id)).items
    expect(thread.map((m) => m.status)).toEqual(['complete', 'failed'])
    expect(thread[1]!.metadata.error).toMatchObject({ code: failed.error!.code })

    const retried = await mirror.messages.regenerate({ messageId: failed.reply.id })
    const outcome = await retried.completion
    expect(outcome.error).toBeNull()
    expect(outcome.message).toMatchObject({ content: 'Second try.', status: 'complete' })
    expect(server.requests).toHaveLength(2)
    // The model was asked the same question again, without the failed reply.
    const body = server.requests[1]!.body as { messages: Array<{ role: string; content: string }> }
    expect(body.messages.filter((m) => m.role !== 'system')).toEqual([
      { role: 'user', content: 'Are you there?' },
    ])
    const versions = await mirror.messages.versions(outcome.message!.id)
    expect(versions.map((m) => [m.status, m.versionIndex, m.versionCount])).toEqual([
      ['failed', 1, 2],
      ['complete', 2, 2],
    ])
    const current = (await mirror.sessions.messages(session.id)).items
    expect(current.at(-1)!.id).toBe(outcome.message!.id)
  })

  it('logs edits, regenerations, deletes, undos, switches and branches by id and count only', async () => {
    fx = await continuityMirror()
    const { mirror } = fx
    const session = await mirror.sessions.create({ title: 'Logbook' })
    const first = await say(mirror, session.id, 'TANGERINE-HERON first words')
    const edited = await mirror.messages.edit({
      messageId: first.user.id,
      text: 'TANGERINE-HERON edited words',
    })
    await edited.completion
    const regenerated = await mirror.messages.regenerate({
      messageId: (await edited.completion).message!.id,
    })
    const newReply = (await regenerated.completion).message!
    await mirror.messages.switch(first.user.id)
    const deleted = await mirror.messages.delete(first.reply.id)
    await mirror.messages.undoDelete(deleted.undoToken)
    const branch = await mirror.messages.branch(first.reply.id)

    const log = await entries(mirror)
    const tree = log.filter((e) => e.type.startsWith('message.') && e.type !== 'message.added')
    expect(tree.map((e) => [e.type, e.subject, e.data])).toEqual([
      [
        'message.edited',
        session.id,
        { messageId: edited.userMessage.id, replacesId: first.user.id },
      ],
      [
        'message.regenerated',
        session.id,
        { messageId: newReply.id, replacesId: (await edited.completion).message!.id },
      ],
      ['message.switched', session.id, { messageId: first.user.id, leafId: first.reply.id }],
      ['message.deleted', session.id, { messageId: first.reply.id, removed: 1 }],
      ['message.restored', session.id, { messageId: first.reply.id, restored: 1 }],
    ])
    expect(log.find((e) => e.type === 'session.branched')).toMatchObject({
      subject: branch.id,
      data: { fromSessionId: session.id, fromMessageId: first.reply.id, messageCount: 2 },
    })
    expect(JSON.stringify(log)).not.toMatch(/TANGERINE|HERON|words/)
    expect((await mirror.continuity.log.verify()).ok).toBe(true)
  })

  it('a temporary chat edits, regenerates, deletes and undoes in its own store, unlogged', async () => {
    fx = await continuityMirror()
    const { mirror } = fx
    const before = (await entries(mirror)).length
    const temp = await mirror.continuity.temporary.start()
    const first = await say(mirror, temp.id, 'passing thought')
    const edited = await mirror.messages.edit({ messageId: first.user.id, text: 'another thought' })
    const reply = (await edited.completion).message!
    await (
      await mirror.messages.regenerate({ messageId: reply.id })
    ).completion
    expect((await mirror.messages.versions(first.user.id)).map((m) => m.content)).toEqual([
      'passing thought',
      'another thought',
    ])
    const deleted = await mirror.messages.delete(edited.userMessage.id)
    expect(deleted.session.id).toBe(temp.id)
    const restored = await mirror.messages.undoDelete(deleted.undoToken)
    expect(restored.session.messageCount).toBe(5)
    const switched = await mirror.messages.switch(first.user.id)
    expect(switched.currentLeafId).toBe(first.reply.id)
    const err = await mirror.messages.branch(first.user.id).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED' })
    // Ending the chat forgets its Undo too.
    const last = await mirror.messages.delete(first.reply.id)
    await mirror.continuity.temporary.end(temp.id)
    await expectCode(mirror.messages.undoDelete(last.undoToken), 'NOT_FOUND')
    // Nothing reached the stored sessions or the log.
    expect((await mirror.sessions.list()).items).toEqual([])
    expect(await entries(mirror)).toHaveLength(before)
    await expectCode(mirror.storage.getMessage(first.user.id), 'NOT_FOUND')
  })
})

describe.each<StorageKind>(['sqlite', 'json'])(
  'message actions on sensitive messages (%s)',
  (kind) => {
    it('edit keeps a new version sealed; delete and undo while locked lose nothing', async () => {
      const vfx = await mirrorFixture(kind)
      fx = vfx
      const { mirror } = vfx
      await mirror.vault.init(VAULT_PASSWORD)
      const session = await mirror.sessions.create({ title: 'Private' })
      const first = await say(mirror, session.id, `${SECRET} (first)`, true)
      const edited = await mirror.messages.edit({
        messageId: first.user.id,
        text: `${SECRET} (v2)`,
      })
      expect(edited.userMessage.sensitive).toBe(true)
      const reply = (await edited.completion).message!
      expect(reply.sensitive).toBe(true)
      expect(filesContaining(vfx.dir, 'VERMILION-OTTER')).toEqual([])

      mirror.vault.lock()
      // A new version of a sensitive message goes to the vault: locked, nothing is stored.
      const count = (await mirror.sessions.get(session.id)).messageCount
      await expectCode(
        mirror.messages.edit({ messageId: first.user.id, text: 'while locked' }),
        'VAULT_LOCKED',
      )
      expect((await mirror.sessions.get(session.id)).messageCount).toBe(count)
      // Regenerating needs the question's text, which is in the locked vault.
      await expectCode(mirror.messages.regenerate({ messageId: reply.id }), 'VAULT_LOCKED')
      await expectCode(mirror.messages.branch(reply.id), 'VAULT_LOCKED')
      const deleted = await mirror.messages.delete(edited.userMessage.id)
      expect(deleted.removed).toBe(2)
      const restored = await mirror.messages.undoDelete(deleted.undoToken)
      expect(restored.session.currentLeafId).toBe(reply.id)
      await mirror.vault.unlock(VAULT_PASSWORD)
      const path = (await mirror.sessions.messages(session.id)).items
      expect(path.map((m) => m.content)).toEqual([`${SECRET} (v2)`, reply.content])
      expect(path.every((m) => m.metadata.sealed === true)).toBe(true)

      // Unlocked: a delete forgets the vault records, and undo puts them back.
      const again = await mirror.messages.delete(first.user.id)
      await mirror.messages.undoDelete(again.undoToken)
      await mirror.messages.switch(first.user.id)
      expect((await mirror.sessions.messages(session.id)).items[0]!.content).toBe(
        `${SECRET} (first)`,
      )

      const branch = await mirror.messages.branch(reply.id)
      const copied = (await mirror.sessions.messages(branch.id)).items
      expect(copied.map((m) => m.content)).toEqual([`${SECRET} (v2)`, reply.content])
      expect(copied.every((m) => m.sensitive && m.metadata.sealed === true)).toBe(true)
      expect(filesContaining(vfx.dir, 'VERMILION-OTTER')).toEqual([])
    })
  },
)
