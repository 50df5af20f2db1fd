import fs from 'node:fs'
import path from 'node:path'
import keytar from 'keytar'
import { afterEach, describe, expect, it } from 'vitest'
import { isEncryptedFile } from '../../../src/main/sqlite/cipher'
import { cipherFormatOf } from '../../../src/main/sqlite/cipherFormat'
import { DATABASE_KEY_FILE_NAME } from '../../../src/main/vault/databaseKey'
import type { HistoryEncryption } from '../../../src/main/vault/historyEncryption'
import { tempMirror } from '../helpers/tempMirror'
import type { TempMirror } from '../helpers/tempMirror'
import { toSqlCipher4 } from '../sqlite/helpers/olderCipher'
import { filesContaining } from './helpers/mirrorFixture'

const PASSWORD = 'history encryption pw'
const service = `ActiveMirror-test-history-${process.pid}`
let fx: TempMirror | null = null

afterEach(async () => {
  await fx?.cleanup()
  fx = null
})

async function encryptedMirror(): Promise<TempMirror> {
  fx = await tempMirror('amos-history-', () => ({
    vault: { iterations: 100_000, keychainService: service },
  }))
  const { mirror } = fx
  await mirror.vault.init(PASSWORD)
  const session = await mirror.sessions.create({ title: 'Quince orchard' })
  await mirror.storage.appendMessage({
    id: 'msg_history_1',
    sessionId: session.id,
    role: 'user',
    content: 'thinking about QUINCE jam',
    createdAt: new Date().toISOString(),
    pattern: null,
    uncertainty: null,
    sensitive: false,
    status: 'complete',
    provider: null,
    model: null,
    metadata: {},
  })
  expect(await mirror.encryption.enable()).toMatchObject({ encrypted: true, locked: false })
  return fx
}

const codeOf = async (promise: Promise<unknown>): Promise<string | undefined> =>
  promise.then(
    () => undefined,
    (error: { code?: string }) => error.code,
  )

describe('encrypted history in a running mirror', () => {
  it('keeps working after enable; locking closes it, unlocking opens it again', async () => {
    const { mirror, dir } = await encryptedMirror()
    expect(filesContaining(dir, 'QUINCE')).toEqual([])
    expect(isEncryptedFile(path.join(dir, 'activemirror.db'))).toBe(true)
    expect(isEncryptedFile(path.join(dir, 'continuity.db'))).toBe(true)
    expect((await mirror.storage.search('QUINCE')).length).toBe(1)

    mirror.vault.lock('idle')
    // The lock's close runs after calls in flight; give it its turn.
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(await codeOf(mirror.storage.listSessions())).toBe('VAULT_LOCKED')
    expect(await codeOf(mirror.continuity.log.verify())).toBe('VAULT_LOCKED')
    expect(await mirror.encryption.status()).toMatchObject({ encrypted: true, locked: true })

    await mirror.vault.unlock(PASSWORD)
    const page = await mirror.storage.listSessions()
    expect(page.items.map((s) => s.title)).toEqual(['Quince orchard'])
    expect((await mirror.continuity.log.verify()).ok).toBe(true)
  })

  it('a restart starts locked and opens nothing until the vault is unlocked', async () => {
    const current = await encryptedMirror()
    const mirror = await current.reopen()
    expect(await mirror.encryption.status()).toMatchObject({ encrypted: true, locked: true })
    expect(await codeOf(mirror.sessions.list())).toBe('VAULT_LOCKED')
    expect(await codeOf(mirror.vault.unlock('wrong password here'))).toBe('VAULT_BAD_PASSWORD')
    expect(await codeOf(mirror.sessions.list())).toBe('VAULT_LOCKED')
    await mirror.vault.unlock(PASSWORD)
    expect((await mirror.sessions.list()).items).toHaveLength(1)
  })

  it('a missing keychain entry is a clear error and changes nothing', async () => {
    const current = await encryptedMirror()
    await current.mirror.vault.remember(true)
    const mirror = await current.reopen()
    // Someone removed the remembered key from the OS keychain.
    for (const item of await keytar.findCredentials(service)) {
      await keytar.deletePassword(service, item.account)
    }
    const before = fs.readFileSync(path.join(current.dir, 'activemirror.db'))
    const code = await codeOf(mirror.vault.unlockWithKeychain())
    expect(code).toBe('VAULT_LOCKED')
    expect(await codeOf(mirror.sessions.list())).toBe('VAULT_LOCKED')
    expect(fs.readFileSync(path.join(current.dir, 'activemirror.db'))).toEqual(before)
    await mirror.vault.unlock(PASSWORD)
    expect((await mirror.sessions.list()).items).toHaveLength(1)
  })

  it('a missing database key is ENCRYPTION_KEY_MISSING, never a silent new database', async () => {
    const current = await encryptedMirror()
    fs.rmSync(path.join(current.dir, DATABASE_KEY_FILE_NAME))
    const mirror = await current.reopen()
    await mirror.vault.unlock(PASSWORD)
    expect(await codeOf(mirror.sessions.list())).toBe('ENCRYPTION_KEY_MISSING')
    expect(isEncryptedFile(path.join(current.dir, 'activemirror.db'))).toBe(true)
  })

  it('disable brings the plain files back with everything in them', async () => {
    const { mirror, dir } = await encryptedMirror()
    expect(await mirror.encryption.disable()).toMatchObject({ encrypted: false })
    expect(fs.existsSync(path.join(dir, DATABASE_KEY_FILE_NAME))).toBe(false)
    expect(filesContaining(dir, 'QUINCE').map((f) => path.basename(f))).toContain('activemirror.db')
    mirror.vault.lock()
    expect((await mirror.sessions.list()).items).toHaveLength(1)
  })

  it('history encrypted in SQLCipher 4 before keeps opening; enable rewrites it in AEGIS', async () => {
    const current = await encryptedMirror()
    let { mirror } = current
    const files = ['activemirror.db', 'continuity.db'].map((name) => path.join(current.dir, name))
    // The key the files are encrypted with (what the vault unwraps from database-key.json); a
    // copy, as closing the mirror zeroes its own.
    const own = (mirror.encryption as unknown as HistoryEncryption).keyFor(files[0]!)!
    const key = Buffer.from(own)
    expect(files.map((f) => cipherFormatOf(f, key))).toEqual(['aegis', 'aegis'])

    // As an earlier version wrote them.
    await mirror.close()
    for (const file of files) toSqlCipher4(file, key)
    mirror = await current.reopen()
    await mirror.vault.unlock(PASSWORD)
    expect((await mirror.sessions.list()).items.map((s) => s.title)).toEqual(['Quince orchard'])
    expect((await mirror.storage.search('quince')).length).toBe(1)
    expect((await mirror.continuity.log.verify()).ok).toBe(true)
    expect(files.map((f) => cipherFormatOf(f, key))).toEqual(['sqlcipher4', 'sqlcipher4'])

    expect(await mirror.encryption.enable()).toMatchObject({ encrypted: true, locked: false })
    expect(files.map((f) => cipherFormatOf(f, key))).toEqual(['aegis', 'aegis'])
    expect((await mirror.storage.search('quince')).length).toBe(1)
    expect((await mirror.continuity.log.verify()).ok).toBe(true)
    expect(filesContaining(current.dir, 'QUINCE')).toEqual([])
  })
})
