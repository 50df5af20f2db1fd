import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { BackupService, SCHEDULE_CHECK_MS } from '../../../src/main/backup/backupService'
import type { Timers } from '../../../src/main/vault/autoLock'
import { IdentityStore } from '../../../src/main/continuity/identity'
import type { Mirror } from '../../../src/main/mirrorApi'
import { readBackupRecords } from '../../../src/main/backup/backupReader'
import { openMirror, PASSWORD, seed, tempDir } from './helpers/backupFixture'

const open: Mirror[] = []
const dirs: string[] = []
afterEach(async () => {
  for (const m of open.splice(0)) await m.close()
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

const DAY = 24 * 60 * 60 * 1000

/** A BackupService over a real mirror's parts, with a clock the test moves. */
function scheduled(mirror: Mirror, dir: string, now: { t: number }, timers?: Timers) {
  return new BackupService(
    {
      storage: mirror.storage,
      vault: mirror.vault,
      log: mirror.continuity.log,
      identity: new IdentityStore(dir),
      settingsDir: dir,
      clock: { now: () => new Date(now.t) },
    },
    timers,
  )
}

/** Timers the test fires by hand: what start() armed, and how long it asked to wait. */
function manualTimers() {
  const armed: Array<{ callback: () => void; ms: number }> = []
  const timers: Timers = {
    setTimeout: (callback, ms) => {
      armed.push({ callback, ms })
      return armed.length
    },
    clearTimeout: () => undefined,
  }
  return { timers, armed }
}

async function setup() {
  const dir = tempDir('amos-bk-sched-')
  const out = tempDir('amos-bk-sched-out-')
  dirs.push(dir, out)
  const mirror = await openMirror(dir)
  open.push(mirror)
  await seed(mirror)
  return { dir, out, mirror }
}

const backupsIn = (out: string) =>
  fs
    .readdirSync(out)
    .filter((n) => n.endsWith('.ambackup'))
    .sort()

describe('scheduled backups', () => {
  it('runs when due, keeps the last N, and leaves other files alone', async () => {
    const { dir, out, mirror } = await setup()
    fs.writeFileSync(path.join(out, 'my-notes.txt'), 'not a backup')
    const now = { t: Date.parse('2026-03-01T09:00:00.000Z') }
    const service = scheduled(mirror, dir, now)
    await service.setSchedule({ frequency: 'daily', folder: out, keep: 2 })
    expect(await service.runDue()).not.toBeNull()
    now.t += DAY / 2
    expect(await service.runDue()).toBeNull()
    for (let i = 0; i < 3; i++) {
      now.t += DAY
      expect(await service.runDue()).not.toBeNull()
    }
    const names = backupsIn(out)
    expect(names).toHaveLength(2)
    expect(names[1]).toContain('20260304T210000000Z')
    expect(fs.existsSync(path.join(out, 'my-notes.txt'))).toBe(true)
    const status = await service.status()
    expect(status.lastBackupAt).toBe('2026-03-04T21:00:00.000Z')
    expect(status.nextDueAt).toBe('2026-03-05T21:00:00.000Z')
  })

  it('remembers the last backup across restarts: a missed weekly run happens at the next start', async () => {
    const { dir, out, mirror } = await setup()
    const now = { t: Date.parse('2026-03-01T09:00:00.000Z') }
    await scheduled(mirror, dir, now).setSchedule({ frequency: 'weekly', folder: out, keep: 5 })
    await scheduled(mirror, dir, now).runDue()
    now.t += 3 * DAY
    expect(await scheduled(mirror, dir, now).runDue()).toBeNull()
    now.t += 10 * DAY
    // A new service (as after a restart) reads the last time from backup-settings.json.
    expect(await scheduled(mirror, dir, now).runDue()).not.toBeNull()
    expect(backupsIn(out)).toHaveLength(2)
  })

  it('start() runs a missed backup at once, then checks again every minute', async () => {
    const { dir, out, mirror } = await setup()
    const now = { t: Date.parse('2026-03-01T09:00:00.000Z') }
    await scheduled(mirror, dir, now).setSchedule({ frequency: 'daily', folder: out, keep: 3 })
    const { timers, armed } = manualTimers()
    const service = scheduled(mirror, dir, now, timers)
    service.start()
    await vi.waitFor(() => expect(armed).toHaveLength(1))
    expect(backupsIn(out)).toHaveLength(1)
    expect(armed[0]!.ms).toBe(SCHEDULE_CHECK_MS)
    now.t += DAY
    armed[0]!.callback()
    await vi.waitFor(() => expect(armed).toHaveLength(2))
    expect(backupsIn(out)).toHaveLength(2)
    service.stop()
    armed[1]!.callback()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(armed).toHaveLength(2)
  })

  it('a run due while the vault is locked waits, notes why, and runs after unlock', async () => {
    const { dir, out, mirror } = await setup()
    const now = { t: Date.parse('2026-03-01T09:00:00.000Z') }
    const service = scheduled(mirror, dir, now)
    await service.setSchedule({ frequency: 'daily', folder: out })
    mirror.vault.lock()
    expect(await service.runDue()).toBeNull()
    expect((await service.status()).lastError).toBe('VAULT_LOCKED')
    await mirror.vault.unlock(PASSWORD)
    expect(await service.runDue()).not.toBeNull()
    expect((await service.status()).lastError).toBeNull()
    expect(backupsIn(out)).toHaveLength(1)
  })

  it('refuses a relative or missing folder', async () => {
    const { dir, mirror } = await setup()
    const service = scheduled(mirror, dir, { t: Date.now() })
    await expect(service.setSchedule({ folder: 'relative/dir' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    })
    await expect(service.setSchedule({ folder: path.join(dir, 'nope') })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
  })
})

describe('API keys stay in the keychain', () => {
  it('a configured key is in no record of the backup (real keychain)', async () => {
    const { out, mirror } = await setup()
    const apiKey = `sk-test-${'Q'.repeat(8)}-NEVER-IN-BACKUPS`
    await mirror.providerSettings.add({
      id: 'oa-backup',
      type: 'openai',
      label: 'OA',
      model: 'gpt-4o-mini',
    })
    await mirror.providerSettings.setKey('oa-backup', apiKey)
    try {
      const { file } = await mirror.backup.create({ folder: out })
      let sawProviders = false
      for await (const record of readBackupRecords(file, PASSWORD)) {
        if (record.type === 'providerSettings') {
          sawProviders = true
          expect(record.value.providers.map((p) => p.id)).toContain('oa-backup')
        }
        expect(JSON.stringify(record)).not.toContain(apiKey)
      }
      expect(sawProviders).toBe(true)
      expect(fs.readFileSync(file).includes(Buffer.from(apiKey))).toBe(false)
    } finally {
      await mirror.providerSettings.remove('oa-backup').catch(() => undefined)
    }
  })
})
