import { spawn } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { AttachmentRef } from '../../src/shared/attachments'
import type { Message, Session } from '../../src/shared/domain'
import type { EncryptionStatus } from '../../src/shared/encryption'
import { filesContaining } from '../main/vault/helpers/mirrorFixture'
import {
  amos,
  amosBin,
  amosJson,
  errorLine,
  folderBytes,
  REPO,
  removeDir,
  tempDir,
} from './helpers/runCli'
import type { CliResult, RunOptions } from './helpers/runCli'

vi.setConfig({ testTimeout: 180_000 })

const PASSWORD = 'history password 1'
const KEYCHAIN = `ActiveMirror-test-encryption-${process.pid}`
const BASE = {
  AMOS_VAULT_KDF_ITERATIONS: '100000',
  AMOS_OFFLINE_DELAY_MS: '0',
  AMOS_KEYCHAIN_SERVICE: KEYCHAIN,
}
const withPassword = (password = PASSWORD): RunOptions => ({
  env: { ...BASE, AMOS_VAULT_PASSWORD: password },
})
const noPassword: RunOptions = { env: { ...BASE, AMOS_VAULT_PASSWORD: undefined } }

// Words that appear only in what the user wrote: a title, message text, a memory.
const TITLE = 'Walrus harbour plans'
const SECRET_MESSAGE = 'my private reflection about PANGOLIN meadows'
const MEMORY = 'remembers the OCELOT lantern'
const IMPORTED = 'js-sdk-session.json'
// The bytes of a file attached before encryption was turned on.
const ATTACHED = 'field notes about the CAPYBARA estuary\n'

let dir: string
let outside: string
let attachmentId: string
const cli = (...args: string[]) => ['--data-dir', dir, ...args]

/** Every secret word that must never be readable on disk while encryption is on. */
function plaintextLeaks(): Record<string, string[]> {
  const leaks: Record<string, string[]> = {}
  for (const word of ['Walrus harbour', 'PANGOLIN', 'OCELOT', 'choosing a direction', 'CAPYBARA']) {
    const found = filesContaining(dir, word).map((f) => path.relative(dir, f))
    if (found.length > 0) leaks[word] = found
  }
  return leaks
}

function allFileNames(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).map((n) => path.basename(n))
}

function ok(result: CliResult): CliResult {
  expect(result.code, result.stderr).toBe(0)
  return result
}

beforeAll(() => {
  dir = tempDir('amos-cli-encryption-')
  outside = tempDir('amos-cli-encryption-files-')
})
afterAll(() => {
  removeDir(dir)
  removeDir(outside)
})

/** The attachment's bytes as `amos attachments get` writes them (outside the data dir). */
async function attachedBytes(options: RunOptions): Promise<string> {
  const out = path.join(outside, `got-${Date.now()}.txt`)
  ok(await amos(cli('attachments', 'get', attachmentId, '--out', out), options))
  return readFileSync(out, 'utf8')
}

describe('amos encryption', () => {
  it('enable encrypts every history file; the CLI then needs the vault, and everything works', async () => {
    ok(await amos(cli('vault', 'init'), withPassword()))
    const session = await amosJson<Session>(cli('sessions', 'create', TITLE), noPassword)
    ok(await amos(cli('send', session.id, SECRET_MESSAGE), noPassword))
    ok(await amos(cli('vault', 'set', 'lantern', MEMORY), withPassword()))
    const notes = path.join(outside, 'notes.txt')
    writeFileSync(notes, ATTACHED)
    ok(await amos(cli('send', session.id, 'see the notes', '--attach', notes), noPassword))
    const shown = await amosJson<{ messages: (Message & { attachments: AttachmentRef[] })[] }>(
      cli('sessions', 'show', session.id),
      noPassword,
    )
    attachmentId = shown.messages.flatMap((m) => m.attachments).map((a) => a.id)[0]!
    expect(await attachedBytes(noPassword)).toBe(ATTACHED)
    expect(await amosJson<EncryptionStatus>(cli('encryption', 'status'), noPassword)).toEqual({
      encrypted: false,
      supported: true,
      storage: 'sqlite',
      locked: false,
      databases: [
        { name: 'activemirror.db', encrypted: false, exists: true },
        { name: 'continuity.db', encrypted: false, exists: true },
      ],
    })
    expect(Object.keys(plaintextLeaks())).toEqual(expect.arrayContaining(['PANGOLIN', 'CAPYBARA']))

    const enabled = await amosJson<EncryptionStatus>(cli('encryption', 'enable'), withPassword())
    expect(enabled).toMatchObject({ encrypted: true, locked: false })
    expect(plaintextLeaks()).toEqual({})
    // The attachment's file was encrypted too, under a name that is not its content hash.
    expect(allFileNames(dir).some((name) => name.includes(attachmentId))).toBe(false)
    expect(await attachedBytes(withPassword())).toBe(ATTACHED)
    expect(
      errorLine(
        await amos(
          cli('attachments', 'get', attachmentId, '--out', path.join(outside, 'x')),
          noPassword,
        ),
      ),
    ).toMatch(/^VAULT_LOCKED: /)

    // Locked means locked: no password, no keychain, no terminal.
    const locked = await amos(cli('sessions', 'list'), noPassword)
    expect(locked.code).toBe(1)
    expect(errorLine(locked)).toMatch(/^VAULT_LOCKED: /)
    expect(locked.stdout).toBe('')
    expect(await amosJson<EncryptionStatus>(cli('encryption', 'status'), noPassword)).toMatchObject(
      { encrypted: true, locked: true },
    )

    // A wrong password is a clear error and changes nothing on disk.
    const before = folderBytes(dir)
    const wrong = await amos(cli('sessions', 'list'), withPassword('not the password at all'))
    expect(errorLine(wrong)).toMatch(/^VAULT_BAD_PASSWORD: /)
    const after = folderBytes(dir)
    // Only the vault's failed-attempt counter may move (it lives in vault.db).
    delete before['vault.db']
    delete after['vault.db']
    expect(after).toEqual(before)

    const listed = await amosJson<Session[]>(cli('sessions', 'list'), withPassword())
    expect(listed.map((s) => s.title)).toEqual([TITLE])
    ok(await amos(cli('send', session.id, 'a second PANGOLIN thought'), withPassword()))
    const hits = await amosJson<{ sessionId: string }[]>(cli('search', 'PANGOLIN'), withPassword())
    expect(hits.length).toBeGreaterThanOrEqual(2)
    const verify = await amosJson<{ ok: boolean; count: number }>(
      cli('continuity', 'verify'),
      withPassword(),
    )
    expect(verify.ok).toBe(true)
    ok(await amos(cli('import', path.join(REPO, 'test/fixtures/import', IMPORTED)), withPassword()))
    const exported = ok(
      await amos(cli('export', session.id, '--format', 'markdown'), withPassword()),
    )
    expect(exported.stdout).toContain('PANGOLIN')
    // The export went to stdout, not into the data dir: still nothing readable there.
    expect(plaintextLeaks()).toEqual({})
  })

  it('two processes at once on the encrypted database both write', async () => {
    const session = (await amosJson<Session[]>(cli('sessions', 'list'), withPassword()))[0]!
    const runs = await Promise.all(
      ['first', 'second'].map((tag) =>
        amosBin(cli('send', session.id, `${tag} concurrent PANGOLIN`), withPassword()),
      ),
    )
    for (const run of runs) ok(run)
    const hits = await amosJson<unknown[]>(cli('search', 'concurrent'), withPassword())
    expect(hits.length).toBeGreaterThanOrEqual(2)
    expect(plaintextLeaks()).toEqual({})
  })

  it('opens with the key remembered in the real OS keychain, without a password', async () => {
    ok(await amos(cli('vault', 'unlock', '--remember'), withPassword()))
    const listed = await amosJson<Session[]>(cli('sessions', 'list'), noPassword)
    expect(listed.some((s) => s.title === TITLE)).toBe(true)
    ok(await amos(cli('vault', 'lock', '--forget'), noPassword))
    expect(errorLine(await amos(cli('sessions', 'list'), noPassword))).toMatch(/^VAULT_LOCKED: /)
  })

  it('a password change re-wraps the vault key only: the history still opens', async () => {
    const status = (await amosJson<EncryptionStatus>(cli('encryption', 'status'), noPassword))
      .databases
    ok(
      await amos(cli('vault', 'change-password'), {
        env: {
          ...BASE,
          AMOS_VAULT_PASSWORD: PASSWORD,
          AMOS_VAULT_NEW_PASSWORD: 'history password 2',
        },
      }),
    )
    const listed = await amosJson<Session[]>(
      cli('sessions', 'list'),
      withPassword('history password 2'),
    )
    expect(listed.some((s) => s.title === TITLE)).toBe(true)
    expect(errorLine(await amos(cli('sessions', 'list'), withPassword()))).toMatch(
      /^VAULT_BAD_PASSWORD: /,
    )
    expect(
      (await amosJson<EncryptionStatus>(cli('encryption', 'status'), noPassword)).databases,
    ).toEqual(status)
    ok(
      await amos(cli('vault', 'change-password'), {
        env: {
          ...BASE,
          AMOS_VAULT_PASSWORD: 'history password 2',
          AMOS_VAULT_NEW_PASSWORD: PASSWORD,
        },
      }),
    )
  })

  it('disable decrypts again, with every message kept', async () => {
    const disabled = await amosJson<EncryptionStatus>(cli('encryption', 'disable'), withPassword())
    expect(disabled).toMatchObject({ encrypted: false, locked: false })
    expect(disabled.databases.every((d) => !d.encrypted)).toBe(true)
    const listed = await amosJson<Session[]>(cli('sessions', 'list'), noPassword)
    expect(listed.some((s) => s.title === TITLE)).toBe(true)
    const hits = await amosJson<unknown[]>(cli('search', 'PANGOLIN'), noPassword)
    expect(hits.length).toBeGreaterThanOrEqual(4)
    // The attachment is a plain file under its id again, readable without the vault.
    expect(allFileNames(dir)).toContain(attachmentId)
    expect(await attachedBytes(noPassword)).toBe(ATTACHED)
  })

  it('refuses to enable while another process has the database open, changing nothing', async () => {
    const before = folderBytes(dir)
    const holder = spawn(
      process.execPath,
      [
        '-e',
        "const D=require('better-sqlite3-multiple-ciphers');const d=new D(process.argv[1]);d.pragma('journal_mode=WAL');d.prepare('select 1').get();console.log('open');setInterval(()=>{},1000)",
        path.join(dir, 'activemirror.db'),
      ],
      { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] },
    )
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()))
    try {
      const busy = await amos(cli('encryption', 'enable'), withPassword())
      expect(errorLine(busy)).toMatch(/^STORAGE_BUSY: /)
    } finally {
      holder.kill()
    }
    const after = folderBytes(dir)
    for (const changing of ['vault.db', 'activemirror.db-shm', 'activemirror.db-wal']) {
      delete before[changing]
      delete after[changing]
    }
    expect(after).toEqual(before)
    expect(
      (await amosJson<EncryptionStatus>(cli('encryption', 'status'), noPassword)).encrypted,
    ).toBe(false)
  })

  it('the JSON folder store cannot be encrypted: enable refuses with a clear error', async () => {
    const jsonDir = tempDir('amos-cli-encryption-json-')
    try {
      writeFileSync(path.join(jsonDir, 'index.json'), '{"sessions":[]}\n')
      const status = await amosJson<EncryptionStatus>(
        ['--data-dir', jsonDir, '--storage', 'json', 'encryption', 'status'],
        noPassword,
      )
      expect(status).toMatchObject({ encrypted: false, supported: false, storage: 'json' })
      const refused = await amos(
        ['--data-dir', jsonDir, '--storage', 'json', 'encryption', 'enable'],
        withPassword(),
      )
      expect(refused.code).toBe(1)
      expect(errorLine(refused)).toMatch(/^ENCRYPTION_UNSUPPORTED: .*JSON/)
    } finally {
      removeDir(jsonDir)
    }
  })
})
