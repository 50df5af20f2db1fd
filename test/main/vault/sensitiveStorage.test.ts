import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Message } from '../../../src/shared/domain'
import type { Mirror } from '../../../src/main/mirrorApi'
import type { StorageKind } from '../../../src/main/storage/storage'
import { expectCode, filesContaining, mirrorFixture, VAULT_PASSWORD } from './helpers/mirrorFixture'
import type { MirrorFixture } from './helpers/mirrorFixture'

const SECRET = 'my-secret-CERULEAN-PANGOLIN-8812 about the diagnosis'

let fx: MirrorFixture | null = null
beforeAll(() => {
  // Offline replies without the per-word pause.
  process.env.AMOS_OFFLINE_DELAY_MS = '0'
})
afterEach(async () => {
  await fx?.cleanup()
  fx = null
})

async function sendAndWait(mirror: Mirror, sessionId: string, text: string, sensitive: boolean) {
  const sent = await mirror.chat.send({
    sessionId,
    text,
    pattern: 'exploratory',
    uncertainty: 'none',
    sensitive,
  })
  const outcome = await sent.completion
  if (outcome.error) throw new Error(`${outcome.error.code}: ${outcome.error.message}`)
  return { user: sent.userMessage, reply: outcome.message! }
}

function sensitiveMessage(sessionId: string, id: string, content: string): Message {
  return {
    id,
    sessionId,
    role: 'user',
    content,
    createdAt: '2025-03-01T10:00:00.000Z',
    pattern: null,
    uncertainty: null,
    sensitive: true,
    status: 'complete',
    provider: null,
    model: null,
    metadata: {},
  }
}

describe.each<StorageKind>(['sqlite', 'json'])('sensitive messages over %s storage', (kind) => {
  it('keeps the content only in the vault, reveals it while unlocked, hides it while locked', async () => {
    fx = await mirrorFixture(kind)
    const { mirror } = fx
    await mirror.vault.init(VAULT_PASSWORD)
    const session = await mirror.sessions.create({ title: 'Private' })
    const { user, reply } = await sendAndWait(mirror, session.id, SECRET, true)
    expect(user.content).toBe(SECRET)
    expect(reply.sensitive).toBe(true)

    // Nothing readable anywhere in the data dir while the databases are open (WAL included)…
    expect(filesContaining(fx.dir, 'CERULEAN-PANGOLIN')).toEqual([])
    // …and the reply, which echoes the user's words, is sealed too.
    const revealed = await mirror.sessions.messages(session.id)
    expect(revealed.items.map((m) => m.content)).toContain(SECRET)
    expect(revealed.items.every((m) => m.metadata.sealed === true)).toBe(true)
    expect((await mirror.storage.getMessage(user.id)).content).toBe(SECRET)
    expect((await mirror.sessions.search('CERULEAN')).hits).toEqual([])

    mirror.vault.lock()
    const locked = await mirror.sessions.messages(session.id)
    for (const m of locked.items) {
      expect(m.content).toBe('')
      expect(m.metadata.locked).toBe(true)
    }
    await mirror.vault.unlock(VAULT_PASSWORD)
    expect((await mirror.storage.getMessage(user.id)).content).toBe(SECRET)

    // After a restart the main store still has nothing and the vault still has everything.
    const reopened = await fx.reopen()
    expect(filesContaining(fx.dir, 'CERULEAN-PANGOLIN')).toEqual([])
    expect((await reopened.storage.getMessage(user.id)).metadata.locked).toBe(true)
    await reopened.vault.unlock(VAULT_PASSWORD)
    expect((await reopened.storage.getMessage(user.id)).content).toBe(SECRET)
  })

  it('sending a sensitive message while locked fails with VAULT_LOCKED and stores nothing', async () => {
    fx = await mirrorFixture(kind)
    const { mirror } = fx
    await mirror.vault.init(VAULT_PASSWORD)
    mirror.vault.lock()
    const session = await mirror.sessions.create({ title: 'Locked' })
    const send = mirror.chat.send({
      sessionId: session.id,
      text: SECRET,
      pattern: 'exploratory',
      uncertainty: 'none',
      sensitive: true,
    })
    await expectCode(send, 'VAULT_LOCKED')
    expect((await mirror.sessions.get(session.id)).messageCount).toBe(0)
    expect((await mirror.sessions.messages(session.id)).items).toEqual([])
    await mirror.vault.unlock(VAULT_PASSWORD)
    expect((await mirror.vault.stats()).messages).toBe(0)
    expect(filesContaining(fx.dir, 'CERULEAN-PANGOLIN')).toEqual([])
  })

  it('deleting a session deletes its vault records, even while locked', async () => {
    fx = await mirrorFixture(kind)
    const { mirror } = fx
    await mirror.vault.init(VAULT_PASSWORD)
    const gone = await mirror.sessions.create({ title: 'Gone' })
    const kept = await mirror.sessions.create({ title: 'Kept' })
    await sendAndWait(mirror, gone.id, SECRET, true)
    const { user: keptUser } = await sendAndWait(mirror, kept.id, 'keep me', true)
    expect((await mirror.vault.stats()).messages).toBe(4)
    mirror.vault.lock()
    await mirror.sessions.delete(gone.id)
    await mirror.vault.unlock(VAULT_PASSWORD)
    expect((await mirror.vault.stats()).messages).toBe(2)
    expect((await mirror.vault.getMessage(keptUser.id))?.content).toBe('keep me')
  })
})

describe('sensitive messages: writes other than chat', () => {
  it('import seals sensitive messages; a locked vault fails that file only', async () => {
    fx = await mirrorFixture('sqlite')
    const { mirror } = fx
    await mirror.vault.init(VAULT_PASSWORD)
    mirror.vault.lock()
    const file = (id: string) => ({
      name: `${id}.json`,
      content: JSON.stringify({
        format: 'activemirror.session',
        version: 1,
        id,
        title: id,
        createdAt: '2025-03-01T10:00:00.000Z',
        updatedAt: '2025-03-01T10:00:00.000Z',
        messages: [
          {
            id: `${id}-m1`,
            role: 'user',
            content: SECRET,
            timestamp: '2025-03-01T10:00:00.000Z',
            sensitive: true,
          },
        ],
      }),
    })
    const plain = file('imp-plain')
    plain.content = plain.content
      .replace('"sensitive":true', '"sensitive":false')
      .replace(SECRET, 'plain words')
    // Both land in one import batch: only the session that needs the vault fails.
    const whileLocked = await mirror.transfer.importFiles([file('imp-a'), plain])
    expect(whileLocked.failed.map((f) => f.code)).toEqual(['VAULT_LOCKED'])
    expect(whileLocked.imported.map((i) => i.sessionId)).toEqual(['imp-plain'])
    expect(await mirror.storage.hasSession('imp-a')).toBe(false)
    expect((await mirror.storage.getMessage('imp-plain-m1')).content).toBe('plain words')

    await mirror.vault.unlock(VAULT_PASSWORD)
    const report = await mirror.transfer.importFiles([file('imp-a')])
    expect(report.imported).toHaveLength(1)
    expect(filesContaining(fx.dir, 'CERULEAN-PANGOLIN')).toEqual([])
    expect((await mirror.storage.getMessage('imp-a-m1')).content).toBe(SECRET)
  })

  it('refuses a message id that is already stored without touching its vault record', async () => {
    fx = await mirrorFixture('sqlite')
    const { mirror } = fx
    await mirror.vault.init(VAULT_PASSWORD)
    const a = await mirror.sessions.create({ title: 'A' })
    const b = await mirror.sessions.create({ title: 'B' })
    await mirror.storage.appendMessage(sensitiveMessage(a.id, 'same-id', SECRET))
    await expectCode(
      mirror.storage.appendMessage(sensitiveMessage(b.id, 'same-id', 'overwrite attempt')),
      'VALIDATION_FAILED',
    )
    expect((await mirror.storage.getMessage('same-id')).content).toBe(SECRET)
    expect((await mirror.sessions.get(b.id)).messageCount).toBe(0)
  })

  it('updateMessage re-seals new content; turning sensitive off removes the vault record', async () => {
    fx = await mirrorFixture('sqlite')
    const { mirror } = fx
    await mirror.vault.init(VAULT_PASSWORD)
    const s = await mirror.sessions.create({ title: 'S' })
    const message = sensitiveMessage(s.id, 'upd-1', SECRET)
    await mirror.storage.appendMessage(message)
    await mirror.storage.updateMessage({ ...message, content: 'second SAFFRON-HERON text' })
    expect((await mirror.storage.getMessage('upd-1')).content).toBe('second SAFFRON-HERON text')
    expect(filesContaining(fx.dir, 'SAFFRON-HERON')).toEqual([])

    await mirror.storage.updateMessage({ ...message, sensitive: false, content: 'now public' })
    const stored = await mirror.storage.getMessage('upd-1')
    expect(stored.content).toBe('now public')
    expect(stored.metadata.sealed).toBeUndefined()
    expect(await mirror.vault.getMessage('upd-1')).toBeNull()
  })

  it('creates no vault file until the vault is used', async () => {
    fx = await mirrorFixture('sqlite')
    const { mirror } = fx
    const s = await mirror.sessions.create({ title: 'Plain' })
    await sendAndWait(mirror, s.id, 'hello', false)
    await mirror.sessions.delete(s.id)
    expect((await mirror.vault.status()).initialized).toBe(false)
    expect(existsSync(join(fx.dir, 'vault.db'))).toBe(false)
  })
})
