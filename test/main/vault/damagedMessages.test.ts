import { afterEach, describe, expect, it } from 'vitest'
import type { StorageKind } from '../../../src/main/storage/storage'
import { at, makeMessage } from '../storage/helpers/fixtures'
import { messageRecordId } from '../../../src/main/vault/recordFormat'
import { damages, recordRows, vaultFile } from './helpers/damage'
import { expectCode, mirrorFixture, VAULT_PASSWORD } from './helpers/mirrorFixture'
import type { MirrorFixture } from './helpers/mirrorFixture'

let fx: MirrorFixture | null = null
afterEach(async () => {
  await fx?.cleanup()
  fx = null
})

const message = (sessionId: string, id: string, content: string, sensitive: boolean) =>
  makeMessage(sessionId, { id, content, sensitive, createdAt: at(Number(id.slice(-1))) })

/** A session with two sensitive messages and a plain one, written through the real stack. */
async function sessionWithSecrets(kind: StorageKind) {
  fx = await mirrorFixture(kind)
  const { mirror } = fx
  await mirror.vault.init(VAULT_PASSWORD)
  const session = await mirror.sessions.create({ title: 'Private' })
  await mirror.storage.appendMessage(message(session.id, 'msg_1', 'first secret', true))
  await mirror.storage.appendMessage(message(session.id, 'msg_2', 'second secret', true))
  await mirror.storage.appendMessage(message(session.id, 'msg_3', 'plain words', false))
  const file = vaultFile(fx.dir)
  const rows = recordRows(file)
  const row = (id: string) => rows.find((r) => r.id === messageRecordId(id))!
  return { sessionId: session.id, file, first: row('msg_1'), second: row('msg_2') }
}

describe.each<StorageKind>(['sqlite', 'json'])(
  'a damaged sensitive message over %s storage',
  (kind) => {
    it.each(damages(VAULT_PASSWORD))(
      '$name: the session opens with that one message marked damaged',
      async ({ reason, damage }) => {
        const { sessionId, file, first, second } = await sessionWithSecrets(kind)
        await damage(file, first, second)

        const mirror = await fx!.reopen()
        await mirror.vault.unlock(VAULT_PASSWORD)
        const page = await mirror.sessions.messages(sessionId)
        const byId = new Map(page.items.map((m) => [m.id, m]))
        expect(byId.get('msg_1')).toMatchObject({
          sensitive: true,
          content: '',
          metadata: { sealed: true, vaultDamaged: reason },
        })
        expect(byId.get('msg_2')?.content).toBe('second secret')
        expect(byId.get('msg_2')?.metadata.vaultDamaged).toBeUndefined()
        expect(byId.get('msg_3')?.content).toBe('plain words')
        expect((await mirror.storage.getMessage('msg_1')).metadata.vaultDamaged).toBe(reason)

        expect(await mirror.vault.check()).toEqual([
          { id: messageRecordId('msg_1'), kind: 'message', reason },
        ])
        // New sensitive messages can still be written and read in the same session.
        await mirror.storage.appendMessage(message(sessionId, 'msg_4', 'after the damage', true))
        expect((await mirror.storage.getMessage('msg_4')).content).toBe('after the damage')
        // An export that asks for the text says which message cannot be read, rather than
        // writing an empty one; the default export (placeholders) still works.
        await expectCode(
          mirror.transfer.exportSession(sessionId, 'json', { includeSensitive: true }),
          'VAULT_CORRUPT',
        )
        await mirror.transfer.exportSession(sessionId, 'json')
      },
    )

    it('after quarantine the message reads as missing from the vault and check is clean', async () => {
      const { sessionId, file, first, second } = await sessionWithSecrets(kind)
      await damages(VAULT_PASSWORD)[0]!.damage(file, first, second)
      const mirror = await fx!.reopen()
      await mirror.vault.unlock(VAULT_PASSWORD)
      expect((await mirror.vault.quarantineDamaged()).quarantined).toBe(1)
      expect(await mirror.vault.check()).toEqual([])
      const page = await mirror.sessions.messages(sessionId)
      expect(page.items.find((m) => m.id === 'msg_1')?.metadata).toMatchObject({
        vaultMissing: true,
      })
      expect(page.items.find((m) => m.id === 'msg_2')?.content).toBe('second secret')
    })
  },
)
