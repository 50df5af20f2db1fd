import { createCipheriv, createDecipheriv, createHash, pbkdf2Sync, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { expectCode, vaultFixture } from './helpers/vaultFixture'
import type { VaultFixture } from './helpers/vaultFixture'

/*
 * An independent implementation of formats/vault.md, written from the document with node:crypto
 * primitives only (nothing imported from src/), to prove the format is what the app writes and reads.
 */
const ITER = 100_000
const WRAP_AAD = Buffer.from('activemirror.vault-key.v1', 'ascii')
const entryAad = (id: string): Buffer => Buffer.from(`activemirror.vault-entry.v1:${id}`, 'ascii')

interface B64Sealed {
  iv: string
  ciphertext: string
  tag: string
}
interface BackupJson {
  format: string
  version: number
  vaultId: string
  kdf: { name: string; iterations: number; salt: string }
  wrappedKey: B64Sealed
  records: Array<{ id: string } & B64Sealed>
}

function gcmOpen(key: Buffer, s: B64Sealed, aad: Buffer): Buffer {
  const d = createDecipheriv('aes-256-gcm', key, Buffer.from(s.iv, 'base64'))
  d.setAAD(aad)
  d.setAuthTag(Buffer.from(s.tag, 'base64'))
  return Buffer.concat([d.update(Buffer.from(s.ciphertext, 'base64')), d.final()])
}

function gcmSeal(key: Buffer, plain: Buffer, aad: Buffer): B64Sealed {
  const iv = randomBytes(12)
  const c = createCipheriv('aes-256-gcm', key, iv)
  c.setAAD(aad)
  const ct = Buffer.concat([c.update(plain), c.final()])
  return {
    iv: iv.toString('base64'),
    ciphertext: ct.toString('base64'),
    tag: c.getAuthTag().toString('base64'),
  }
}

function independentDecrypt(
  text: string,
  password: string,
): Array<{ id: string; plain: Record<string, unknown> }> {
  const b = JSON.parse(text) as BackupJson
  expect(b.format).toBe('activemirror.vault-backup')
  expect(b.version).toBe(1)
  expect(b.kdf.name).toBe('PBKDF2-SHA256')
  const kek = pbkdf2Sync(
    Buffer.from(password, 'utf8'),
    Buffer.from(b.kdf.salt, 'base64'),
    b.kdf.iterations,
    32,
    'sha256',
  )
  const dek = gcmOpen(kek, b.wrappedKey, WRAP_AAD)
  expect(dek).toHaveLength(32)
  return b.records.map((r) => ({
    id: r.id,
    plain: JSON.parse(gcmOpen(dek, r, entryAad(r.id)).toString('utf8')) as Record<string, unknown>,
  }))
}

function independentBuild(password: string, plains: Array<{ id: string; plain: object }>): string {
  const salt = randomBytes(16)
  const dek = randomBytes(32)
  const kek = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, ITER, 32, 'sha256')
  const backup: BackupJson = {
    format: 'activemirror.vault-backup',
    version: 1,
    vaultId: 'vault-built-by-hand',
    kdf: { name: 'PBKDF2-SHA256', iterations: ITER, salt: salt.toString('base64') },
    wrappedKey: gcmSeal(kek, dek, WRAP_AAD),
    records: plains.map(({ id, plain }) => ({
      id,
      ...gcmSeal(dek, Buffer.from(JSON.stringify(plain), 'utf8'), entryAad(id)),
    })),
  }
  return JSON.stringify(backup)
}

function filesDigest(dir: string): string {
  const h = createHash('sha256')
  for (const name of ['vault.db', 'vault.db-wal']) {
    const p = path.join(dir, name)
    h.update(name).update(fs.existsSync(p) ? fs.readFileSync(p) : Buffer.alloc(0))
  }
  return h.digest('hex')
}

const PASSWORD = 'backup password 1'
let fx: VaultFixture
let fx2: VaultFixture | undefined
afterEach(async () => {
  await fx?.cleanup()
  await fx2?.cleanup()
  fx2 = undefined
})

async function vaultWithData(): Promise<VaultFixture> {
  fx = vaultFixture()
  await fx.vault.init(PASSWORD)
  await fx.vault.set('goal', 'learn the cello', {
    category: 'goals',
    tags: ['music'],
    useInConversations: true,
  })
  await fx.vault.set(
    'config',
    { theme: 'dark', n: [1, 2] },
    { category: 'preferences', metadata: { note: 'x' } },
  )
  await fx.vault.putMessage({
    sessionId: 'session_9',
    messageId: 'msg_9',
    content: 'a sensitive message',
  })
  return fx
}

describe('encrypted backup, checked by an independent implementation of vault.md', () => {
  it('a backup made by the app decrypts with the independent decryptor', async () => {
    const { vault } = await vaultWithData()
    vault.lock() // exporting needs no key
    const text = await vault.exportBackup()
    const out = independentDecrypt(text, PASSWORD)
    const byKind = (k: string) => out.filter((r) => r.plain.kind === k).map((r) => r.plain)
    expect(byKind('message')).toEqual([
      {
        kind: 'message',
        sessionId: 'session_9',
        messageId: 'msg_9',
        content: 'a sensitive message',
      },
    ])
    const entries = byKind('entry')
    expect(entries).toHaveLength(2)
    const goal = entries.find((e) => e.key === 'goal')!
    expect(Object.keys(goal).sort()).toEqual([
      'category',
      'createdAt',
      'key',
      'kind',
      'metadata',
      'updatedAt',
      'value',
    ])
    expect(goal).toMatchObject({
      value: 'learn the cello',
      category: 'goals',
      metadata: { tags: ['music'], useInConversations: true },
    })
    expect(entries.find((e) => e.key === 'config')?.value).toEqual({ theme: 'dark', n: [1, 2] })
    const b = JSON.parse(text) as BackupJson
    expect(Object.keys(b)).toEqual(['format', 'version', 'vaultId', 'kdf', 'wrappedKey', 'records'])
    expect(b.vaultId).toBe((await vault.status()).vaultId)
    expect(b.kdf.iterations).toBe(ITER)
  })

  it('a backup built by the independent code restores as a new vault and as a merge', async () => {
    const text = independentBuild('hand made pw', [
      {
        id: 'r1',
        plain: {
          kind: 'entry',
          key: 'hobby',
          value: 'pottery',
          category: 'knowledge',
          metadata: { tags: ['clay'] },
          createdAt: '2024-01-01T00:00:00.000Z',
          updatedAt: '2024-01-02T00:00:00.000Z',
        },
      },
      {
        id: 'r2',
        plain: { kind: 'message', sessionId: 's1', messageId: 'm1', content: 'whispered' },
      },
    ])
    fx = vaultFixture()
    const report = await fx.vault.restoreBackup(text, 'hand made pw', 'new')
    expect(report).toMatchObject({ mode: 'new', vaultId: 'vault-built-by-hand', added: 2 })
    expect(await fx.vault.status()).toMatchObject({
      initialized: true,
      unlocked: true,
      vaultId: 'vault-built-by-hand',
    })
    expect(await fx.vault.get('hobby')).toMatchObject({
      value: 'pottery',
      category: 'knowledge',
      tags: ['clay'],
      useInConversations: false,
    })
    expect((await fx.vault.getMessage('m1'))?.content).toBe('whispered')
    fx.vault.lock()
    await fx.vault.unlock('hand made pw')
    // And the restored vault's own backup still opens with the independent decryptor.
    expect(independentDecrypt(await fx.vault.exportBackup(), 'hand made pw')).toHaveLength(2)

    fx2 = vaultFixture()
    await fx2.vault.init('my own password')
    const merged = await fx2.vault.restoreBackup(text, 'hand made pw', 'merge')
    expect(merged).toMatchObject({ mode: 'merge', added: 2, updated: 0, kept: 0 })
    expect((await fx2.vault.get('hobby'))?.value).toBe('pottery')
    fx2.vault.lock()
    await fx2.vault.unlock('my own password')
    expect((await fx2.vault.getMessage('m1'))?.content).toBe('whispered')
  })

  it('merge re-encrypts under the current key with fresh IVs; newest updatedAt wins per key', async () => {
    const { vault } = await vaultWithData()
    const backup = await vault.exportBackup()
    const original = JSON.parse(backup) as BackupJson
    fx2 = vaultFixture()
    await fx2.vault.init('second vault password')
    // Both fake clocks start at the same instant: step back for an older local 'goal'.
    fx2.time.advance(-60_000)
    await fx2.vault.set('goal', 'older local goal')
    fx2.time.advance(10 * 60_000)
    await fx2.vault.set('config', 'newer local config')
    const report = await fx2.vault.restoreBackup(backup, PASSWORD, 'merge')
    expect(report).toEqual({
      mode: 'merge',
      vaultId: (await fx2.vault.status()).vaultId,
      added: 1,
      updated: 1,
      kept: 1,
      damaged: [],
    })
    expect((await fx2.vault.get('goal'))?.value).toBe('learn the cello')
    expect((await fx2.vault.get('config'))?.value).toBe('newer local config')
    expect((await fx2.vault.getMessage('msg_9'))?.content).toBe('a sensitive message')
    // Nothing of the backup's ciphertext was copied verbatim.
    const mergedBackup = JSON.parse(await fx2.vault.exportBackup()) as BackupJson
    const ivs = new Set(original.records.map((r) => r.iv))
    expect(mergedBackup.records.some((r) => ivs.has(r.iv))).toBe(false)
    expect(independentDecrypt(JSON.stringify(mergedBackup), 'second vault password')).toHaveLength(
      3,
    )
  })

  it('refuses: new into an existing vault, merge while locked or uninitialized, a foreign file', async () => {
    const { vault } = await vaultWithData()
    const text = await vault.exportBackup()
    await expectCode(vault.restoreBackup(text, PASSWORD, 'new'), 'VALIDATION_FAILED')
    vault.lock()
    await expectCode(vault.restoreBackup(text, PASSWORD, 'merge'), 'VAULT_LOCKED')
    fx2 = vaultFixture()
    await expectCode(fx2.vault.restoreBackup(text, PASSWORD, 'merge'), 'VAULT_NOT_INITIALIZED')
    await expectCode(fx2.vault.restoreBackup('{"hello":1}', PASSWORD, 'new'), 'VAULT_CORRUPT')
    await expectCode(fx2.vault.restoreBackup('not json', PASSWORD, 'new'), 'VAULT_CORRUPT')
    await expectCode(
      fx2.vault.restoreBackup(text.replace('"version": 1', '"version": 2'), PASSWORD, 'new'),
      'VAULT_CORRUPT',
    )
    const weak = JSON.parse(text) as BackupJson
    weak.kdf.iterations = 1000
    await expectCode(
      fx2.vault.restoreBackup(JSON.stringify(weak), PASSWORD, 'new'),
      'VAULT_CORRUPT',
    )
    expect((await fx2.vault.status()).initialized).toBe(false)
  })

  it('a wrong password fails with VAULT_BAD_PASSWORD and writes nothing', async () => {
    const { vault } = await vaultWithData()
    const text = await vault.exportBackup()
    fx2 = vaultFixture()
    await fx2.vault.init('target password')
    const before = filesDigest(fx2.dir)
    await expectCode(fx2.vault.restoreBackup(text, 'wrong password', 'merge'), 'VAULT_BAD_PASSWORD')
    expect(filesDigest(fx2.dir)).toBe(before)
    const fresh = vaultFixture()
    await expectCode(fresh.vault.restoreBackup(text, 'wrong password', 'new'), 'VAULT_BAD_PASSWORD')
    expect((await fresh.vault.status()).initialized).toBe(false)
    await fresh.cleanup()
  })

  it('a flipped byte in the key section fails and writes nothing', async () => {
    const { vault } = await vaultWithData()
    const text = await vault.exportBackup()
    const base = JSON.parse(text) as BackupJson
    fx2 = vaultFixture()
    await fx2.vault.init('merge target pw')
    await fx2.vault.set('existing', 'value')
    const before = filesDigest(fx2.dir)
    const fresh = vaultFixture()

    type Field = { name: string; get(b: BackupJson): string; set(b: BackupJson, v: string): void }
    const fields: Field[] = [
      { name: 'kdf.salt', get: (b) => b.kdf.salt, set: (b, v) => void (b.kdf.salt = v) },
      ...(['iv', 'ciphertext', 'tag'] as const).map((f): Field => ({
        name: `wrappedKey.${f}`,
        get: (b) => b.wrappedKey[f],
        set: (b, v) => void (b.wrappedKey[f] = v),
      })),
    ]
    let attempts = 0
    for (const field of fields) {
      const bytes = Buffer.from(field.get(base), 'base64')
      for (const pos of new Set([0, bytes.length >> 1, bytes.length - 1])) {
        const copy = structuredClone(base)
        const flipped = Buffer.from(bytes)
        flipped[pos]! ^= 0xff
        field.set(copy, flipped.toString('base64'))
        const tampered = JSON.stringify(copy)
        // GCM cannot tell a damaged key section from a wrong password.
        await expectCode(fx2.vault.restoreBackup(tampered, PASSWORD, 'merge'), 'VAULT_BAD_PASSWORD')
        await expectCode(fresh.vault.restoreBackup(tampered, PASSWORD, 'new'), 'VAULT_BAD_PASSWORD')
        attempts++
      }
    }
    expect(attempts).toBe(12)
    // A non-canonical base64 character is a damaged file, refused whole.
    const badChar = structuredClone(base)
    badChar.records[0]!.tag = `*${badChar.records[0]!.tag.slice(1)}`
    await expectCode(
      fx2.vault.restoreBackup(JSON.stringify(badChar), PASSWORD, 'merge'),
      'VAULT_CORRUPT',
    )
    expect(filesDigest(fx2.dir)).toBe(before)
    expect(await fresh.vault.status()).toMatchObject({ initialized: false, unlocked: false })
    await fresh.cleanup()
  })

  it('a damaged record stays local: it is named and left out, every other record restores', async () => {
    const { vault } = await vaultWithData()
    const base = JSON.parse(await vault.exportBackup()) as BackupJson
    const ids = base.records.map((r) => r.id)
    const goalId = ids.find((id) => id.startsWith('entry:') && id !== ids[ids.length - 1])!
    let attempts = 0
    for (const f of ['iv', 'ciphertext', 'tag'] as const) {
      const target = base.records.findIndex((r) => r.id === goalId)
      const bytes = Buffer.from(base.records[target]![f], 'base64')
      for (const pos of new Set([0, bytes.length >> 1, bytes.length - 1])) {
        const copy = structuredClone(base)
        const flipped = Buffer.from(bytes)
        flipped[pos]! ^= 0xff
        copy.records[target]![f] = flipped.toString('base64')
        const fresh = vaultFixture()
        const report = await fresh.vault.restoreBackup(JSON.stringify(copy), PASSWORD, 'new')
        expect(report.damaged).toEqual([{ id: goalId, reason: 'integrity' }])
        expect(report.added).toBe(ids.length - 1)
        const keys = (await fresh.vault.list()).map((e) => e.key)
        expect(keys).toHaveLength(1)
        expect(await fresh.vault.getMessage('msg_9')).toMatchObject({
          content: 'a sensitive message',
        })
        await fresh.cleanup()
        attempts++
      }
    }
    expect(attempts).toBeGreaterThanOrEqual(8)
    // A record moved to another id fails its check there; merged, the rest comes in.
    const moved = structuredClone(base)
    moved.records[0]!.id = 'entry:someone-else'
    fx2 = vaultFixture()
    await fx2.vault.init('merge target pw')
    await fx2.vault.set('existing', 'value')
    const report = await fx2.vault.restoreBackup(JSON.stringify(moved), PASSWORD, 'merge')
    expect(report.damaged).toEqual([{ id: 'entry:someone-else', reason: 'integrity' }])
    expect(report.added).toBe(ids.length - 1)
    expect((await fx2.vault.list()).map((e) => e.key)).toContain('existing')
  })
})
