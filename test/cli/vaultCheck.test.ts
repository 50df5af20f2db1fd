import { describe, expect, it, vi } from 'vitest'
import type { Message, Session } from '../../src/shared/domain'
import type { VaultDamagedRecord, VaultEntry } from '../../src/shared/vault'
import { recordRows, updateRecord, vaultFile } from '../main/vault/helpers/damage'
import { amos, amosJson, dataDirs, errorLine } from './helpers/runCli'
import type { RunOptions } from './helpers/runCli'

vi.setConfig({ testTimeout: 180_000 })

const PASSWORD = 'cli damage password'
const env: RunOptions = {
  env: {
    AMOS_VAULT_KDF_ITERATIONS: '100000',
    AMOS_OFFLINE_DELAY_MS: '0',
    AMOS_VAULT_PASSWORD: PASSWORD,
  },
}
const newDir = dataDirs()

/** Flips a byte of the record's tag on disk: it no longer passes its integrity check. */
function breakTag(file: string, id: string): void {
  const row = recordRows(file).find((r) => r.id === id)!
  const tag = Buffer.from(row.tag)
  tag[0] = tag[0]! ^ 0xff
  updateRecord(file, id, { tag })
}

describe('amos vault check', () => {
  it('lists damaged entries (exit 1) while the rest stays usable; --quarantine moves them', async () => {
    const dir = newDir()
    const vault = (...args: string[]) => ['--data-dir', dir, 'vault', ...args]
    expect((await amos(vault('init'), env)).code).toBe(0)
    expect((await amos(vault('set', 'a', 'alpha'), env)).code).toBe(0)
    expect((await amos(vault('set', 'b', 'beta'), env)).code).toBe(0)
    const clean = await amos(vault('check'), env)
    expect([clean.code, clean.stdout]).toEqual([0, 'No damaged records.\n'])
    expect(await amosJson(vault('check'), env)).toEqual([])

    const file = vaultFile(dir)
    const damagedId = recordRows(file)[1]!.id
    breakTag(file, damagedId)

    const text = await amos(vault('check'), env)
    expect(text.code).toBe(1)
    expect(text.stdout).toContain(damagedId)
    expect(text.stdout).toMatch(/1 damaged record;/)
    const json = await amos(vault('check', '--json'), env)
    expect(json.code).toBe(1)
    expect(JSON.parse(json.stdout)).toEqual([{ id: damagedId, kind: 'entry', reason: 'integrity' }])

    // Unlock, list and write still work; a wrong password is still a wrong password.
    expect((await amos(vault('unlock'), env)).code).toBe(0)
    expect(
      errorLine(
        await amos(vault('list'), { env: { ...env.env, AMOS_VAULT_PASSWORD: 'wrong one' } }),
      ),
    ).toMatch(/^VAULT_BAD_PASSWORD: /)
    expect((await amos(vault('set', 'c', 'gamma'), env)).code).toBe(0)
    const listed = await amosJson<VaultEntry[]>(vault('list'), env)
    expect(listed.map((e) => e.key)).toEqual(['a', 'c'])

    const moved = await amos(vault('check', '--quarantine'), env)
    expect(moved.code, moved.stderr).toBe(0)
    expect(moved.stdout).toContain('Moved 1 damaged record to the quarantine')
    const after = await amos(vault('check'), env)
    expect([after.code, after.stdout]).toEqual([0, 'No damaged records.\n'])
    const again = await amosJson<{ quarantined: number }>(vault('check', '--quarantine'), env)
    expect(again).toEqual({ quarantined: 0, records: [] })
  })

  it('with --storage json, a session with a damaged sensitive message still shows', async () => {
    const dir = newDir()
    const base = ['--data-dir', dir, '--storage', 'json']
    expect((await amos([...base, 'vault', 'init'], env)).code).toBe(0)
    const session = await amosJson<Session>([...base, 'sessions', 'create', 'Private'], env)
    const sent = await amos([...base, 'send', session.id, 'secret words', '--sensitive'], env)
    expect(sent.code, sent.stderr).toBe(0)
    const file = vaultFile(dir)
    expect(file).toContain('.activemirror')
    const [userRecord] = recordRows(file)
    breakTag(file, userRecord!.id)

    const shown = await amos([...base, 'sessions', 'show', session.id, '--json'], env)
    expect(shown.code, shown.stderr).toBe(0)
    const messages = (JSON.parse(shown.stdout) as { messages: Message[] }).messages
    expect(messages.map((m) => [m.role, m.content === '', m.metadata.vaultDamaged])).toEqual([
      ['user', true, 'integrity'],
      ['assistant', false, undefined],
    ])
    const checked = await amos([...base, 'vault', 'check', '--json'], env)
    expect(checked.code).toBe(1)
    expect(JSON.parse(checked.stdout) as VaultDamagedRecord[]).toEqual([
      { id: userRecord!.id, kind: 'message', reason: 'integrity' },
    ])
  })
})
