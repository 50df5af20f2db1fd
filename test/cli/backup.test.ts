import { readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Session } from '../../src/shared/domain'
import type {
  BackupPreview,
  BackupRestoreReport,
  CreatedBackupInfo,
} from '../../src/shared/routeGroups/backup'
import { hashDir } from '../main/backup/helpers/backupFixture'
import { amos, amosJson, errorLine, removeDir, tempDir } from './helpers/runCli'
import type { RunOptions } from './helpers/runCli'

vi.setConfig({ testTimeout: 180_000 })

const PASSWORD = 'cli backup password 1'
const BASE = { AMOS_VAULT_KDF_ITERATIONS: '100000', AMOS_OFFLINE_DELAY_MS: '0' }
const withPassword = (password = PASSWORD): RunOptions => ({
  env: { ...BASE, AMOS_VAULT_PASSWORD: password },
})

let root: string
beforeAll(() => {
  root = tempDir('amos-cli-backup-')
})
afterAll(() => removeDir(root))

describe('amos backup', () => {
  it('create --out, restore --dry-run (writes nothing), restore, then a merge adds only what is new', async () => {
    const src = path.join(root, 'src')
    const dst = path.join(root, 'dst')
    const at = (dir: string, ...args: string[]) => ['--data-dir', dir, ...args]
    await amos(at(src, 'vault', 'init'), withPassword())
    const session = await amosJson<Session>(
      at(src, 'sessions', 'create', 'Backed up'),
      withPassword(),
    )
    await amos(at(src, 'send', session.id, 'remember the OSPREY'), withPassword())
    const file = path.join(root, 'full.ambackup')
    const created = await amosJson<CreatedBackupInfo>(
      at(src, 'backup', 'create', '--out', file),
      withPassword(),
    )
    expect(created).toMatchObject({ file, counts: { sessions: 1, messages: 2 } })

    await amos(at(dst, 'sessions', 'list'), withPassword())
    const before = hashDir(dst)
    const preview = await amosJson<BackupPreview>(
      at(dst, 'backup', 'restore', file, '--dry-run'),
      withPassword(),
    )
    expect(preview).toMatchObject({
      target: 'empty',
      sessions: { total: 1, new: 1 },
      messages: { total: 2, new: 2 },
    })
    expect(hashDir(dst)).toBe(before)

    const report = await amosJson<BackupRestoreReport>(
      at(dst, 'backup', 'restore', file),
      withPassword(),
    )
    expect(report.damagedVaultRecords).toEqual([])
    const shown = await amosJson<{ messages: Array<{ content: string }> }>(
      at(dst, 'sessions', 'show', session.id),
      withPassword(),
    )
    expect(shown.messages[0]!.content).toBe('remember the OSPREY')

    const again = await amosJson<BackupPreview>(
      at(dst, 'backup', 'restore', file, '--dry-run'),
      withPassword(),
    )
    expect(again).toMatchObject({ target: 'merge', messages: { new: 0, present: 2 } })
  })

  it('a wrong password and a foreign file fail with their code and change nothing', async () => {
    const src = path.join(root, 'src2')
    const dst = path.join(root, 'dst2')
    await amos(['--data-dir', src, 'vault', 'init'], withPassword())
    const file = path.join(root, 'two.ambackup')
    await amos(['--data-dir', src, 'backup', 'create', '--out', file], withPassword())
    await amos(['--data-dir', dst, 'sessions', 'create', 'Mine'], withPassword())
    const before = hashDir(dst)
    const wrong = await amos(['--data-dir', dst, 'backup', 'restore', file], {
      env: { ...BASE, AMOS_VAULT_PASSWORD: 'not the password' },
    })
    expect(wrong.code).toBe(1)
    expect(errorLine(wrong)).toMatch(/^VAULT_BAD_PASSWORD: /)
    const foreign = path.join(root, 'foreign.txt')
    writeFileSync(foreign, 'hello')
    const notBackup = await amos(['--data-dir', dst, 'backup', 'restore', foreign], withPassword())
    expect(notBackup.code).toBe(1)
    expect(errorLine(notBackup)).toMatch(/^BACKUP_UNRECOGNIZED: /)
    expect(hashDir(dst)).toBe(before)
    expect(readdirSync(root).filter((n) => n.endsWith('.tmp'))).toEqual([])
  })
})
