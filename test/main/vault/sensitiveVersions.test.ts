import { afterEach, describe, expect, it } from 'vitest'
import type { Message } from '../../../src/shared/domain'
import type { StorageKind } from '../../../src/main/storage/storage'
import { expectCode, filesContaining, mirrorFixture, VAULT_PASSWORD } from './helpers/mirrorFixture'
import type { MirrorFixture } from './helpers/mirrorFixture'

let fx: MirrorFixture | null = null
afterEach(async () => {
  await fx?.cleanup()
  fx = null
})

function message(sessionId: string, id: string, content: string, extra: Partial<Message> = {}) {
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
    ...extra,
  } satisfies Message
}

describe.each<StorageKind>(['sqlite', 'json'])('sensitive versions over %s storage', (kind) => {
  it('deleting a session drops the vault records of versions off the current path too', async () => {
    fx = await mirrorFixture(kind)
    const { mirror } = fx
    await mirror.vault.init(VAULT_PASSWORD)
    const s = await mirror.sessions.create({ title: 'Branched secrets' })
    await mirror.storage.appendMessage(message(s.id, 'q', 'first OCHRE-LYNX question'))
    await mirror.storage.appendMessage(message(s.id, 'a1', 'old OCHRE-LYNX answer'))
    await mirror.storage.appendMessage(
      message(s.id, 'a2', 'new OCHRE-LYNX answer', { parentId: 'q' }),
    )
    expect((await mirror.sessions.messages(s.id)).items.map((m) => m.id)).toEqual(['q', 'a2'])
    expect((await mirror.vault.stats()).messages).toBe(3)
    mirror.vault.lock()
    await mirror.sessions.delete(s.id)
    await mirror.vault.unlock(VAULT_PASSWORD)
    // 'a1' is on no path, and its record went with the session all the same.
    expect((await mirror.vault.stats()).messages).toBe(0)
  })

  it('deleting a branch returns it readable for Undo, and Undo seals it again', async () => {
    fx = await mirrorFixture(kind)
    const { mirror } = fx
    await mirror.vault.init(VAULT_PASSWORD)
    const s = await mirror.sessions.create({ title: 'Undo' })
    await mirror.storage.appendMessage(message(s.id, 'q', 'plain question', { sensitive: false }))
    await mirror.storage.appendMessage(message(s.id, 'a', 'secret TEAL-MARMOT answer'))
    const removed = await mirror.storage.deleteMessage('a')
    expect(removed.removed.map((m) => m.content)).toEqual(['secret TEAL-MARMOT answer'])
    expect(await mirror.vault.getMessage('a')).toBeNull()

    mirror.vault.lock()
    await expectCode(
      mirror.storage.restoreMessages(s.id, removed.removed, {
        currentLeafId: removed.previousLeafId,
      }),
      'VAULT_LOCKED',
    )
    await expectCode(mirror.storage.getMessage('a'), 'NOT_FOUND')
    await mirror.vault.unlock(VAULT_PASSWORD)
    await mirror.storage.restoreMessages(s.id, removed.removed, {
      currentLeafId: removed.previousLeafId,
    })
    expect((await mirror.storage.getMessage('a')).content).toBe('secret TEAL-MARMOT answer')
    expect((await mirror.storage.listVersions('a'))[0]!.content).toBe('secret TEAL-MARMOT answer')
    expect(filesContaining(fx.dir, 'TEAL-MARMOT')).toEqual([])
  })

  it('a branch deleted while locked keeps its vault record; Undo after unlocking reveals it', async () => {
    fx = await mirrorFixture(kind)
    const { mirror } = fx
    await mirror.vault.init(VAULT_PASSWORD)
    const s = await mirror.sessions.create({ title: 'Locked undo' })
    await mirror.storage.appendMessage(message(s.id, 'q', 'plain question', { sensitive: false }))
    await mirror.storage.appendMessage(message(s.id, 'a', 'secret UMBER-OTTER answer'))
    mirror.vault.lock()
    const removed = await mirror.storage.deleteMessage('a')
    expect(removed.removed[0]).toMatchObject({ content: '', metadata: { locked: true } })
    await mirror.vault.unlock(VAULT_PASSWORD)
    await mirror.storage.restoreMessages(s.id, removed.removed, {
      currentLeafId: removed.previousLeafId,
    })
    expect((await mirror.storage.getMessage('a')).content).toBe('secret UMBER-OTTER answer')
  })
})
