import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readSdkVaultPath } from '../../../src/main/vault/sdk/sdkVaultFolder'
import type { VaultEntry } from '../../../src/shared/vault'
import { expectCode, tempDir, vaultFixture } from './helpers/vaultFixture'
import type { VaultFixture } from './helpers/vaultFixture'

const FIXTURES = path.resolve(__dirname, '../../fixtures/sdk-vault')
const SDK_PASSWORD = 'fixture pässword ✦ 2026'
const VAULT_PASSWORD = 'vault password for sdk import'

/** What the fixtures' README says each SDK stored (the greeting names the SDK). */
function stored(sdk: 'Python' | 'JavaScript') {
  return [
    {
      key: 'contact-alex',
      value: { name: 'Alex', relation: 'friend', notes: null },
      category: 'relationships',
      tags: [],
      metadata: { category: 'relationships', nested: { level: 2, list: [1, 'two'] } },
    },
    {
      key: 'goal-marathon',
      value: { title: 'Run a marathon', milestones: ['10k', 'half'], done: false, weeks: 16 },
      category: 'goals',
      tags: ['health', 'running'],
      metadata: { category: 'goals' },
    },
    {
      key: 'greeting',
      value: `Hello from the ${sdk} SDK`,
      category: 'preferences',
      tags: [],
      metadata: { category: 'preferences' },
    },
    {
      key: 'lucky-numbers',
      value: [7, 42, 3.5, null, true],
      category: 'private',
      tags: [],
      metadata: {},
    },
    {
      key: 'note-unicode',
      value: 'Café ☕ — 日本語のメモ ◊ ⟨⟨high⟩⟩ 🚀',
      category: 'reflections',
      tags: [],
      metadata: { category: 'reflections', mood: 'calm', source: 'journal' },
    },
  ]
}

const content = (e: VaultEntry) => ({
  key: e.key,
  value: e.value,
  category: e.category,
  tags: e.tags,
  metadata: e.metadata,
})

function vaultDigest(dir: string): string {
  const h = createHash('sha256')
  for (const name of ['vault.db', 'vault.db-wal']) {
    const p = path.join(dir, name)
    h.update(name).update(fs.existsSync(p) ? fs.readFileSync(p) : Buffer.alloc(0))
  }
  return h.digest('hex')
}

/** A copy of a fixture folder that a test may damage. */
function copyOf(kind: 'python' | 'js'): string {
  const dir = tempDir('amos-sdk-vault-')
  fs.cpSync(path.join(FIXTURES, kind), dir, { recursive: true })
  return dir
}

let fx: VaultFixture
const copies: string[] = []
afterEach(async () => {
  await fx?.cleanup()
  for (const dir of copies.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

async function openVault(): Promise<VaultFixture> {
  fx = vaultFixture()
  await fx.vault.init(VAULT_PASSWORD)
  return fx
}

describe('importing an ActiveMirrorOS SDK vault', () => {
  it('a Python SDK vault (Fernet) comes in whole: keys, values, metadata, times', async () => {
    const { vault } = await openVault()
    const changes: string[] = []
    vault.on('entryChanged', (c) => changes.push(`${c.action}:${c.category}`))
    const files = await readSdkVaultPath(path.join(FIXTURES, 'python'))
    const report = await vault.importSdkVault(files, SDK_PASSWORD)
    expect(report).toEqual({
      format: 'python',
      found: 5,
      imported: 5,
      skipped: 0,
      conflicts: [],
      damaged: [],
    })
    const entries = await vault.list()
    expect(entries.map(content)).toEqual(stored('Python'))
    expect(entries.every((e) => !e.useInConversations)).toBe(true)
    // Python wrote naive local time; it is read as local time of this machine.
    const greeting = entries.find((e) => e.key === 'greeting')!
    expect(greeting.createdAt).toBe(new Date(2026, 11, 4, 18, 8, 0, 766).toISOString())
    expect(changes).toHaveLength(5)
    // Written through the vault: readable by another process after a fresh unlock.
    const other = fx.reopen()
    await other.unlock(VAULT_PASSWORD)
    expect((await other.list()).map(content)).toEqual(stored('Python'))
  })

  it('a JavaScript SDK vault (AES-256-GCM) comes in whole, with its ISO times', async () => {
    const { vault } = await openVault()
    const report = await vault.importSdkVault(
      await readSdkVaultPath(path.join(FIXTURES, 'js')),
      SDK_PASSWORD,
    )
    expect(report).toMatchObject({ format: 'javascript', found: 5, imported: 5, damaged: [] })
    const entries = await vault.list()
    expect(entries.map(content)).toEqual(stored('JavaScript'))
    expect(entries.find((e) => e.key === 'greeting')).toMatchObject({
      createdAt: '2026-12-04T18:08:00.869Z',
      updatedAt: '2026-12-04T18:08:00.869Z',
    })
  })

  it('a file inside the folder stands for the whole folder', async () => {
    const files = await readSdkVaultPath(path.join(FIXTURES, 'js', 'greeting.vault'))
    expect(files.map((f) => f.name).sort()).toEqual([
      '.vault_index.enc',
      'contact-alex.vault',
      'goal-marathon.vault',
      'greeting.vault',
      'lucky-numbers.vault',
      'note-unicode.vault',
    ])
  })

  it.each(['python', 'js'] as const)(
    'a wrong SDK password (%s) is VAULT_BAD_PASSWORD and writes nothing',
    async (kind) => {
      const { vault, dir } = await openVault()
      await vault.set('mine', 'kept')
      const before = vaultDigest(dir)
      const files = await readSdkVaultPath(path.join(FIXTURES, kind))
      await expectCode(vault.importSdkVault(files, 'not the sdk password'), 'VAULT_BAD_PASSWORD')
      expect(vaultDigest(dir)).toBe(before)
      expect((await vault.list()).map((e) => e.key)).toEqual(['mine'])
    },
  )

  it('a locked vault is VAULT_LOCKED, before any password is tried', async () => {
    const { vault, dir } = await openVault()
    vault.lock()
    const before = vaultDigest(dir)
    const files = await readSdkVaultPath(path.join(FIXTURES, 'python'))
    await expectCode(vault.importSdkVault(files, SDK_PASSWORD), 'VAULT_LOCKED')
    expect(vaultDigest(dir)).toBe(before)
  })

  it('a damaged entry file is reported by key; the rest comes in', async () => {
    const { vault } = await openVault()
    const dir = copyOf('python')
    copies.push(dir)
    // Python: one character of the token changed (the HMAC fails); another file cut short.
    const marathon = path.join(dir, 'goal-marathon.vault')
    const token = fs.readFileSync(marathon, 'latin1')
    const at = 120
    fs.writeFileSync(
      marathon,
      token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1),
    )
    const lucky = path.join(dir, 'lucky-numbers.vault')
    fs.writeFileSync(lucky, fs.readFileSync(lucky).subarray(0, 40))
    const report = await vault.importSdkVault(await readSdkVaultPath(dir), SDK_PASSWORD)
    expect(report.imported).toBe(3)
    expect(report.damaged).toEqual([
      {
        file: 'goal-marathon.vault',
        key: 'goal-marathon',
        reason: expect.stringMatching(/integrity check/) as unknown,
      },
      {
        file: 'lucky-numbers.vault',
        key: 'lucky-numbers',
        reason: expect.stringMatching(/Fernet token/) as unknown,
      },
    ])
    expect((await vault.list()).map((e) => e.key)).toEqual([
      'contact-alex',
      'greeting',
      'note-unicode',
    ])
  })

  it('JavaScript: a flipped byte and a missing file are damage, not a wrong password', async () => {
    const { vault } = await openVault()
    const dir = copyOf('js')
    copies.push(dir)
    const greeting = path.join(dir, 'greeting.vault')
    const bytes = fs.readFileSync(greeting)
    bytes[40] = bytes[40]! ^ 0x01
    fs.writeFileSync(greeting, bytes)
    fs.rmSync(path.join(dir, 'contact-alex.vault'))
    const report = await vault.importSdkVault(await readSdkVaultPath(dir), SDK_PASSWORD)
    expect(report.imported).toBe(3)
    expect(report.damaged.map((d) => [d.key, d.reason])).toEqual([
      ['greeting', expect.stringMatching(/integrity check/)],
      ['contact-alex', expect.stringMatching(/file is missing/)],
    ])
  })

  it('a damaged index still lets every entry in, and says so', async () => {
    const { vault } = await openVault()
    const dir = copyOf('js')
    copies.push(dir)
    const index = path.join(dir, '.vault_index.enc')
    const bytes = fs.readFileSync(index)
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff
    fs.writeFileSync(index, bytes)
    const report = await vault.importSdkVault(await readSdkVaultPath(dir), SDK_PASSWORD)
    expect(report.imported).toBe(5)
    expect(report.damaged).toEqual([
      {
        file: '.vault_index.enc',
        key: null,
        reason: expect.stringMatching(/integrity/) as unknown,
      },
    ])
  })

  it('keys already in the vault are never overwritten: identical skipped, different a conflict', async () => {
    const { vault } = await openVault()
    await vault.set('greeting', 'Hello from the Python SDK', {
      category: 'preferences',
      metadata: { category: 'preferences' },
    })
    await vault.set('note-unicode', 'my own note', { category: 'private' })
    const files = await readSdkVaultPath(path.join(FIXTURES, 'python'))
    const report = await vault.importSdkVault(files, SDK_PASSWORD)
    expect(report).toMatchObject({ found: 5, imported: 3, skipped: 2, conflicts: ['note-unicode'] })
    expect((await vault.get('note-unicode'))?.value).toBe('my own note')
    // Importing again adds nothing: everything is now identical.
    const again = await vault.importSdkVault(files, SDK_PASSWORD)
    expect(again).toMatchObject({ imported: 0, skipped: 5, conflicts: ['note-unicode'] })
    expect(await vault.list()).toHaveLength(5)
  })
})

describe('files of the other format are named, not called corrupt', () => {
  it('restoring a Python SDK vault file says it is an SDK vault and to use import-sdk', async () => {
    const { vault } = await openVault()
    const text = fs.readFileSync(path.join(FIXTURES, 'python', 'greeting.vault'), 'utf8')
    const error = vault.restoreBackup(text, SDK_PASSWORD, 'merge')
    await expect(error).rejects.toMatchObject({
      code: 'IMPORT_UNSUPPORTED_FORMAT',
      message: expect.stringMatching(/ActiveMirrorOS SDK vault.*amos vault import-sdk/) as unknown,
    })
  })

  /** A vault with one entry, and its backup file alone in a temp folder. */
  async function vaultWithBackup() {
    const { vault } = await openVault()
    await vault.set('a', 'b')
    const dir = tempDir('amos-sdk-backup-')
    copies.push(dir)
    const backup = path.join(dir, 'vault-backup.json')
    fs.writeFileSync(backup, await vault.exportBackup())
    return { vault, dir, backup }
  }

  it('import-sdk given an ActiveMirror backup says it is a backup and to restore it', async () => {
    const { vault, dir, backup } = await vaultWithBackup()
    for (const target of [backup, dir]) {
      await expect(
        vault.importSdkVault(await readSdkVaultPath(target), VAULT_PASSWORD),
      ).rejects.toMatchObject({
        code: 'IMPORT_UNSUPPORTED_FORMAT',
        message: expect.stringMatching(/ActiveMirror vault backup.*amos vault restore/) as unknown,
      })
    }
  })

  it('a path named for a restore or an import is recognised before the vault is unlocked', async () => {
    const { vault, dir, backup } = await vaultWithBackup()
    vault.lock()
    for (const target of [backup, dir]) {
      await expect(vault.readSdkVaultFolder(target, 'shown')).rejects.toMatchObject({
        code: 'IMPORT_UNSUPPORTED_FORMAT',
        message: expect.stringMatching(/ActiveMirror vault backup.*amos vault restore/) as unknown,
      })
    }
    for (const rel of ['js', 'js/greeting.vault', 'python/.vault_index.enc']) {
      await expect(
        vault.readBackupFile(path.join(FIXTURES, rel), 'the folder'),
      ).rejects.toMatchObject({
        code: 'IMPORT_UNSUPPORTED_FORMAT',
        message: expect.stringMatching(/^the folder is an ActiveMirrorOS SDK vault/) as unknown,
      })
    }
    await expectCode(vault.readBackupFile(path.join(dir, 'missing.json')), 'NOT_FOUND')
    expect(await vault.readBackupFile(backup)).toBe(fs.readFileSync(backup, 'utf8'))
    const files = await vault.readSdkVaultFolder(path.join(FIXTURES, 'js', 'greeting.vault'))
    expect(files.map((f) => f.name)).toContain('greeting.vault')
    expect(vault.unlocked).toBe(false)
  })
})
