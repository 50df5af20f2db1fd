import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Message, Session } from '../../src/shared/domain'
import type { VaultEntry, VaultStatus } from '../../src/shared/vault'
import { SENSITIVE_PLACEHOLDER } from '../../src/main/services/transfer/transferService'
import { filesContaining } from '../main/vault/helpers/mirrorFixture'
import {
  amos,
  amosBin,
  amosBinJson,
  amosJson,
  errorLine,
  removeDir,
  tempDir,
} from './helpers/runCli'
import type { RunOptions } from './helpers/runCli'

vi.setConfig({ testTimeout: 180_000 })

const PASSWORD = 'cli vault password 1'
const NEW_PASSWORD = 'cli vault password 2'
// Fast KDF for every command (still the 100 000 minimum the vault accepts).
const BASE = { AMOS_VAULT_KDF_ITERATIONS: '100000', AMOS_OFFLINE_DELAY_MS: '0' }
const withPassword = (password = PASSWORD): RunOptions => ({
  env: { ...BASE, AMOS_VAULT_PASSWORD: password },
})
const noPassword: RunOptions = { env: { ...BASE, AMOS_VAULT_PASSWORD: undefined } }

let dir: string
const vault = (args: string[]) => ['--data-dir', dir, 'vault', ...args]

beforeAll(() => {
  dir = tempDir('amos-cli-vault-')
})
afterAll(() => removeDir(dir))

describe('amos vault', () => {
  it('init, set, get, list, search, stats, delete; passwords never from argv', async () => {
    expect(await amosJson<VaultStatus>(vault(['status']), noPassword)).toMatchObject({
      initialized: false,
    })
    // Without a terminal and without the variable there is no way to give a password.
    const noWay = await amos(vault(['init']), noPassword)
    expect(noWay.code).toBe(2)
    expect(errorLine(noWay)).toMatch(/^USAGE: .*AMOS_VAULT_PASSWORD/)
    expect(existsSync(path.join(dir, 'vault.db'))).toBe(false)

    const created = await amosJson<VaultStatus>(vault(['init']), withPassword())
    expect(created).toMatchObject({ initialized: true, remembered: false })
    const again = await amos(vault(['init']), withPassword())
    expect(again.code).toBe(1)

    const set = await amos(
      vault([
        'set',
        'north star',
        'Run a marathon QUOKKA',
        '--category',
        'goals',
        '--tags',
        'health,2025',
        '--use-in-conversations',
        'yes',
      ]),
      withPassword(),
    )
    expect(set.code, set.stderr).toBe(0)
    const fromStdin = await amos(vault(['set', 'pin', '-']), {
      ...withPassword(),
      input: 'stdin-secret-WOMBAT\n',
    })
    expect(fromStdin.code, fromStdin.stderr).toBe(0)

    const got = await amos(vault(['get', 'north star']), withPassword())
    expect(got.stdout).toBe('Run a marathon QUOKKA\n')
    const entry = await amosJson<VaultEntry>(vault(['get', 'pin']), withPassword())
    expect(entry).toMatchObject({ value: 'stdin-secret-WOMBAT', category: 'private' })

    const missing = await amos(vault(['get', 'nope']), withPassword())
    expect(missing.code).toBe(1)
    expect(errorLine(missing)).toMatch(/^NOT_FOUND: /)

    const listed = await amosJson<VaultEntry[]>(
      vault(['list', '--category', 'goals']),
      withPassword(),
    )
    expect(listed.map((e) => [e.key, e.tags, e.useInConversations])).toEqual([
      ['north star', ['health', '2025'], true],
    ])
    const found = await amosJson<VaultEntry[]>(vault(['search', 'wombat']), withPassword())
    expect(found.map((e) => e.key)).toEqual(['pin'])
    expect(await amosJson(vault(['stats']), withPassword())).toMatchObject({
      total: 2,
      byCategory: { goals: 1, private: 1 },
    })

    expect((await amos(vault(['delete', 'pin']), withPassword())).code).toBe(0)
    const deletedTwice = await amos(vault(['delete', 'pin']), withPassword())
    expect(errorLine(deletedTwice)).toMatch(/^NOT_FOUND: /)

    expect(filesContaining(dir, 'QUOKKA')).toEqual([])
    expect(filesContaining(dir, PASSWORD)).toEqual([])
  })

  it('wrong password, locked without one, remember on this device, forget', async () => {
    const wrong = await amosBin(vault(['get', 'north star']), withPassword('not the password'))
    expect(wrong.code).toBe(1)
    expect(errorLine(wrong)).toMatch(/^VAULT_BAD_PASSWORD: /)
    const locked = await amosBin(vault(['get', 'north star']), noPassword)
    expect(errorLine(locked)).toMatch(/^VAULT_LOCKED: /)

    const unlocked = await amosBinJson<VaultStatus & { method: string }>(
      vault(['unlock', '--remember']),
      withPassword(),
    )
    expect(unlocked).toMatchObject({ remembered: true, method: 'password' })
    const viaKeychain = await amosBin(vault(['get', 'north star']), noPassword)
    expect(viaKeychain.stdout).toBe('Run a marathon QUOKKA\n')
    expect(await amosBinJson(vault(['unlock']), noPassword)).toMatchObject({ method: 'keychain' })

    const forgot = await amosBinJson<VaultStatus>(vault(['lock', '--forget']), noPassword)
    expect(forgot.remembered).toBe(false)
    expect(errorLine(await amosBin(vault(['list']), noPassword))).toMatch(/^VAULT_LOCKED: /)
  })

  it('backup FILE, restore FILE into a new data dir (wrong password writes nothing), --merge', async () => {
    const file = path.join(dir, 'backup.json')
    const backup = await amos(vault(['backup', file]), noPassword)
    expect(backup.code, backup.stderr).toBe(0)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const text = readFileSync(file, 'utf8')
    expect(JSON.parse(text)).toMatchObject({ format: 'activemirror.vault-backup', version: 1 })
    expect(text).not.toContain('QUOKKA')

    const other = tempDir('amos-cli-vault-restore-')
    try {
      const at = (args: string[]) => ['--data-dir', other, 'vault', ...args]
      const bad = await amos(at(['restore', file]), withPassword('wrong backup password'))
      expect(errorLine(bad)).toMatch(/^VAULT_BAD_PASSWORD: /)
      expect(await amosJson(at(['status']), noPassword)).toMatchObject({ initialized: false })

      const restored = await amosJson(at(['restore', file]), withPassword())
      expect(restored).toMatchObject({ mode: 'new', added: 1 })
      const got = await amos(at(['get', 'north star']), withPassword())
      expect(got.stdout).toBe('Run a marathon QUOKKA\n')
    } finally {
      removeDir(other)
    }

    await amos(vault(['delete', 'north star']), withPassword())
    await amos(vault(['set', 'later', 'added after the backup']), withPassword())
    const merged = await amosJson(vault(['restore', file, '--merge']), withPassword())
    expect(merged).toMatchObject({ mode: 'merge', added: 1 })
    const keys = await amosJson<VaultEntry[]>(vault(['list']), withPassword())
    expect(keys.map((e) => e.key).sort()).toEqual(['later', 'north star'])
  })

  it('change-password re-wraps the key: the old password stops working, entries stay', async () => {
    const changed = await amos(vault(['change-password']), {
      env: { ...BASE, AMOS_VAULT_PASSWORD: PASSWORD, AMOS_VAULT_NEW_PASSWORD: NEW_PASSWORD },
    })
    expect(changed.code, changed.stderr).toBe(0)
    expect(errorLine(await amos(vault(['list']), withPassword()))).toMatch(/^VAULT_BAD_PASSWORD/)
    const keys = await amosJson<VaultEntry[]>(vault(['list']), withPassword(NEW_PASSWORD))
    expect(keys).toHaveLength(2)
  })

  it('send --sensitive works with the password set, is refused without; export asks for it', async () => {
    const session = await amosJson<Session>(['--data-dir', dir, 'sessions', 'create', 'Private'])
    const refused = await amos(
      ['--data-dir', dir, 'send', session.id, 'secret OCELOT words', '--sensitive'],
      noPassword,
    )
    expect(errorLine(refused)).toMatch(/^VAULT_LOCKED: /)
    const sent = await amos(
      ['--data-dir', dir, 'send', session.id, 'secret OCELOT words', '--sensitive', '--json'],
      withPassword(NEW_PASSWORD),
    )
    expect(sent.code, sent.stderr).toBe(0)
    expect((JSON.parse(sent.stdout) as Message).sensitive).toBe(true)
    expect(filesContaining(dir, 'OCELOT')).toEqual([])

    const shown = await amosJson<{ messages: Message[] }>(
      ['--data-dir', dir, 'sessions', 'show', session.id],
      noPassword,
    )
    expect(shown.messages.map((m) => m.content)).toEqual(['', ''])
    const revealed = await amosJson<{ messages: Message[] }>(
      ['--data-dir', dir, 'sessions', 'show', session.id],
      withPassword(NEW_PASSWORD),
    )
    expect(revealed.messages[0]?.content).toBe('secret OCELOT words')

    const out = path.join(dir, 'export.md')
    const placeholders = await amos([
      '--data-dir',
      dir,
      'export',
      session.id,
      '--format',
      'markdown',
    ])
    expect(placeholders.stdout).toContain(SENSITIVE_PLACEHOLDER)
    expect(placeholders.stdout).not.toContain('OCELOT')
    const included = await amos(
      ['--data-dir', dir, 'export', session.id, '--include-sensitive', '--out', out],
      withPassword(NEW_PASSWORD),
    )
    expect(included.code, included.stderr).toBe(0)
    expect(readFileSync(out, 'utf8')).toContain('secret OCELOT words')
  })
})
