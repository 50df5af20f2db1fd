import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { SdkVaultImportReport } from '../../src/shared/sdkVault'
import type { VaultEntry } from '../../src/shared/vault'
import { amos, amosBin, amosJson, dataDirs, errorLine, folderBytes, REPO } from './helpers/runCli'
import type { RunOptions } from './helpers/runCli'

vi.setConfig({ testTimeout: 180_000 })

const SDK = path.join(REPO, 'test/fixtures/sdk-vault')
const SDK_PASSWORD = 'fixture pässword ✦ 2026'
const PASSWORD = 'cli vault password 1'
const BASE = { AMOS_VAULT_KDF_ITERATIONS: '100000', AMOS_SDK_VAULT_PASSWORD: undefined }
const env = (extra: Record<string, string | undefined> = {}): RunOptions => ({
  env: { ...BASE, AMOS_VAULT_PASSWORD: PASSWORD, ...extra },
})
const withSdk = (sdkPassword = SDK_PASSWORD) => env({ AMOS_SDK_VAULT_PASSWORD: sdkPassword })

const newDir = dataDirs()
const vault = (dir: string, args: string[]) => ['--data-dir', dir, 'vault', ...args]

async function initVault(): Promise<string> {
  const dir = newDir()
  await amosJson(vault(dir, ['init']), env())
  return dir
}

let shared: string
beforeAll(async () => {
  shared = await initVault()
})

describe('amos vault import-sdk', () => {
  it('imports a Python SDK vault folder whole (--json report, then list and get)', async () => {
    const report = await amosJson<SdkVaultImportReport>(
      vault(shared, ['import-sdk', path.join(SDK, 'python')]),
      withSdk(),
    )
    expect(report).toEqual({
      format: 'python',
      found: 5,
      imported: 5,
      skipped: 0,
      conflicts: [],
      damaged: [],
    })
    const entries = await amosJson<VaultEntry[]>(vault(shared, ['list']), env())
    expect(entries.map((e) => [e.key, e.category, e.tags])).toEqual([
      ['contact-alex', 'relationships', []],
      ['goal-marathon', 'goals', ['health', 'running']],
      ['greeting', 'preferences', []],
      ['lucky-numbers', 'private', []],
      ['note-unicode', 'reflections', []],
    ])
    const note = await amos(vault(shared, ['get', 'note-unicode']), env())
    expect(note.stdout).toBe('Café ☕ — 日本語のメモ ◊ ⟨⟨high⟩⟩ 🚀\n')
    const contact = await amosJson<VaultEntry>(vault(shared, ['get', 'contact-alex']), env())
    expect(contact.metadata).toEqual({
      category: 'relationships',
      nested: { level: 2, list: [1, 'two'] },
    })
  })

  it('imports a JavaScript SDK vault; keys already there are skipped and conflicts named', async () => {
    const dir = await initVault()
    await amos(vault(dir, ['set', 'greeting', 'mine, not the SDK one']), env())
    const result = await amos(vault(dir, ['import-sdk', path.join(SDK, 'js')]), withSdk())
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain('Imported 4 of 5 entries from a JavaScript SDK vault.')
    expect(result.stdout).toContain('Skipped 1 whose key the vault already has')
    expect(result.stdout).toContain("These differ from the SDK's: greeting.")
    const greeting = await amos(vault(dir, ['get', 'greeting']), env())
    expect(greeting.stdout).toBe('mine, not the SDK one\n')
  })

  it('a wrong SDK password is VAULT_BAD_PASSWORD and the data dir is untouched', async () => {
    const dir = await initVault()
    const before = folderBytes(dir)
    const result = await amos(
      vault(dir, ['import-sdk', path.join(SDK, 'python')]),
      withSdk('wrong sdk password'),
    )
    expect(result.code).toBe(1)
    expect(errorLine(result)).toMatch(/^VAULT_BAD_PASSWORD: /)
    expect(folderBytes(dir)).toEqual(before)
  })

  it('the SDK password comes from AMOS_SDK_VAULT_PASSWORD or a terminal, never argv', async () => {
    const noWay = await amosBin(vault(shared, ['import-sdk', path.join(SDK, 'js')]), env())
    expect(noWay.code).toBe(2)
    expect(errorLine(noWay)).toMatch(/^USAGE: .*AMOS_SDK_VAULT_PASSWORD/)
    const argv = await amosBin(
      vault(shared, ['import-sdk', path.join(SDK, 'js'), SDK_PASSWORD]),
      env(),
    )
    expect(argv.code).toBe(2)
  })

  it('a locked vault with no way to unlock is VAULT_LOCKED', async () => {
    const dir = await initVault()
    const result = await amos(
      vault(dir, ['import-sdk', path.join(SDK, 'js')]),
      env({ AMOS_VAULT_PASSWORD: undefined, AMOS_SDK_VAULT_PASSWORD: SDK_PASSWORD }),
    )
    expect(result.code).toBe(1)
    expect(errorLine(result)).toMatch(/^VAULT_LOCKED: /)
  })

  it('a damaged entry is named on stderr with its key (exit 1); the rest is imported', async () => {
    const dir = await initVault()
    const copy = newDir()
    fs.cpSync(path.join(SDK, 'js'), copy, { recursive: true })
    const file = path.join(copy, 'goal-marathon.vault')
    const bytes = fs.readFileSync(file)
    bytes[50] = bytes[50]! ^ 0x80
    fs.writeFileSync(file, bytes)
    const result = await amos(vault(dir, ['import-sdk', copy]), withSdk())
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('Imported 4 of 4 entries')
    expect(errorLine(result)).toMatch(
      /^VAULT_CORRUPT: goal-marathon \(goal-marathon\.vault\): it failed its integrity check/,
    )
    const keys = (await amosJson<VaultEntry[]>(vault(dir, ['list']), env())).map((e) => e.key)
    expect(keys).toEqual(['contact-alex', 'greeting', 'lucky-numbers', 'note-unicode'])
  })
})

describe('each command names the other format', () => {
  it.each([
    ['an SDK vault folder', 'js'],
    ['a JavaScript SDK file', 'js/greeting.vault'],
    ['a Python SDK file', 'python/note-unicode.vault'],
    ['an SDK index', 'python/.vault_index.enc'],
  ])('vault restore given %s says to use import-sdk', async (_what, rel) => {
    const result = await amos(vault(shared, ['restore', path.join(SDK, rel), '--merge']), env())
    expect(result.code).toBe(1)
    expect(errorLine(result)).toMatch(
      /^IMPORT_UNSUPPORTED_FORMAT: .*ActiveMirrorOS SDK vault.*amos vault import-sdk/,
    )
  })

  it('a Python SDK file renamed is still recognised by its content', async () => {
    const copy = path.join(newDir(), 'backup.json')
    fs.copyFileSync(path.join(SDK, 'python', 'greeting.vault'), copy)
    const result = await amos(vault(shared, ['restore', copy, '--merge']), env())
    expect(errorLine(result)).toMatch(/^IMPORT_UNSUPPORTED_FORMAT: .*amos vault import-sdk/)
  })

  it('import-sdk given an ActiveMirror backup says to restore it, before asking for passwords', async () => {
    const out = path.join(newDir(), 'vault-backup.json')
    expect((await amos(vault(shared, ['backup', out]), env())).code).toBe(0)
    const result = await amos(vault(shared, ['import-sdk', out]), {
      env: { ...BASE, AMOS_VAULT_PASSWORD: undefined },
    })
    expect(result.code).toBe(1)
    expect(errorLine(result)).toMatch(
      /^IMPORT_UNSUPPORTED_FORMAT: .*ActiveMirror vault backup.*amos vault restore/,
    )
  })
})
