import path from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { cipherFormatOf } from '../../../src/main/sqlite/cipherFormat'
import type { HistoryEncryption } from '../../../src/main/vault/historyEncryption'
import { tempMirror } from '../helpers/tempMirror'
import type { TempMirror } from '../helpers/tempMirror'
import { toSqlCipher4 } from '../sqlite/helpers/olderCipher'
import { filesContaining } from './helpers/mirrorFixture'

const PASSWORD = 'history upgrade pw'
const service = `ActiveMirror-test-upgrade-${process.pid}`
let fx: TempMirror | null = null
afterEach(async () => {
  await fx?.cleanup()
  fx = null
})

it('history encrypted in SQLCipher 4 before keeps opening; enable rewrites it in AEGIS', async () => {
  fx = await tempMirror('amos-upgrade-', () => ({
    vault: { iterations: 100_000, keychainService: service },
  }))
  let { mirror } = fx
  await mirror.vault.init(PASSWORD)
  const session = await mirror.sessions.create({ title: 'Persimmon notes' })
  await mirror.storage.appendMessage({
    id: 'msg_upgrade_1',
    sessionId: session.id,
    role: 'user',
    content: 'the PERSIMMON harvest',
    createdAt: new Date().toISOString(),
    pattern: null,
    uncertainty: null,
    sensitive: false,
    status: 'complete',
    provider: null,
    model: null,
    metadata: {},
  })
  await mirror.encryption.enable()
  const files = ['activemirror.db', 'continuity.db'].map((name) => path.join(fx!.dir, name))
  // The key the files are encrypted with (what the vault unwraps from database-key.json); a
  // copy, as closing the mirror zeroes its own.
  const key = Buffer.from((mirror.encryption as unknown as HistoryEncryption).keyFor(files[0]!)!)
  expect(files.map((f) => cipherFormatOf(f, key))).toEqual(['aegis', 'aegis'])

  // As an earlier version wrote them.
  await mirror.close()
  for (const file of files) toSqlCipher4(file, key)
  mirror = await fx.reopen()
  await mirror.vault.unlock(PASSWORD)
  expect((await mirror.sessions.list()).items.map((s) => s.title)).toEqual(['Persimmon notes'])
  expect((await mirror.storage.search('persimmon')).length).toBe(1)
  expect((await mirror.continuity.log.verify()).ok).toBe(true)
  expect(files.map((f) => cipherFormatOf(f, key))).toEqual(['sqlcipher4', 'sqlcipher4'])

  expect(await mirror.encryption.enable()).toMatchObject({ encrypted: true, locked: false })
  expect(files.map((f) => cipherFormatOf(f, key))).toEqual(['aegis', 'aegis'])
  expect((await mirror.storage.search('persimmon')).length).toBe(1)
  expect((await mirror.continuity.log.verify()).ok).toBe(true)
  expect(filesContaining(fx.dir, 'PERSIMMON')).toEqual([])
})
