import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { isMirrorError, MirrorError } from '../../shared/errors'
import type {
  BackupPreview,
  BackupRestoreReport,
  BackupSchedule,
  BackupStatus,
  CreatedBackupInfo,
} from '../../shared/routeGroups/backup'
import { BackupScheduleSchema } from '../../shared/routeGroups/backup'
import type { Timers } from '../vault/autoLock'
import { systemTimers } from '../vault/autoLock'
import { createFullBackup } from './backupCreate'
import { checkBackup } from './backupPreview'
import { restoreFullBackup } from './backupRestore'
import {
  backupFileName,
  backupSettingsFile,
  nextDueAt,
  pruneBackups,
  statusOf,
} from './backupSchedule'
import type { BackupSources } from './backupSources'

/** How often the schedule looks whether a backup is due (cheap: one small file read). */
export const SCHEDULE_CHECK_MS = 60_000

export interface BackupApi {
  status(): Promise<BackupStatus>
  setSchedule(patch: Partial<BackupSchedule>): Promise<BackupStatus>
  /** Writes a backup into `folder` (default: the schedule's folder), or to `file` exactly. */
  create(target?: { folder?: string; file?: string }): Promise<CreatedBackupInfo>
  preview(file: string, password: string): Promise<BackupPreview>
  restore(file: string, password: string): Promise<BackupRestoreReport>
  /** Runs the scheduled backup when one is due (also the one missed while the app was closed). */
  runDue(): Promise<CreatedBackupInfo | null>
}

function checkFolder(folder: string): string {
  if (!path.isAbsolute(folder)) {
    throw new MirrorError('VALIDATION_FAILED', 'The backup folder must be an absolute path.')
  }
  let isDir = false
  try {
    isDir = statSync(folder).isDirectory()
  } catch {
    isDir = false
  }
  if (!isDir) throw new MirrorError('NOT_FOUND', `The backup folder ${folder} does not exist.`)
  return folder
}

/** A name not taken yet in `folder` (two backups in one millisecond get a suffix). */
function freshTarget(folder: string, at: Date): string {
  const base = backupFileName(at)
  let target = path.join(folder, base)
  for (let n = 2; existsSync(target); n++)
    target = path.join(folder, base.replace('.ambackup', `-${n}.ambackup`))
  return target
}

/** Full backups: now, on a schedule (docs/backup.md), and restore with a preview. */
export class BackupService implements BackupApi {
  private readonly settings
  private running: Promise<unknown> = Promise.resolve()
  private timer: ReturnType<Timers['setTimeout']> | null = null
  private started = false

  constructor(
    private readonly src: BackupSources,
    private readonly timers: Timers = systemTimers,
  ) {
    this.settings = backupSettingsFile(src.settingsDir)
  }

  async status(): Promise<BackupStatus> {
    return statusOf(await this.settings.read())
  }

  async setSchedule(patch: Partial<BackupSchedule>): Promise<BackupStatus> {
    const clean = BackupScheduleSchema.partial().parse(patch)
    if (clean.folder) checkFolder(clean.folder)
    return statusOf(await this.settings.mutate((s) => Object.assign(s, clean)))
  }

  create(target: { folder?: string; file?: string } = {}): Promise<CreatedBackupInfo> {
    return this.serial(async () => {
      const file = target.file ? path.resolve(target.file) : await this.targetIn(target.folder)
      const created = await createFullBackup(this.src, file)
      await this.settings.mutate((s) => {
        s.lastBackupAt = created.createdAt
        s.lastError = null
      })
      return created
    })
  }

  preview(file: string, password: string): Promise<BackupPreview> {
    return checkBackup(this.src, path.resolve(file), password).then((c) => c.preview)
  }

  restore(file: string, password: string): Promise<BackupRestoreReport> {
    return this.serial(() => restoreFullBackup(this.src, path.resolve(file), password))
  }

  async runDue(): Promise<CreatedBackupInfo | null> {
    const settings = await this.settings.read()
    const due = nextDueAt(settings)
    if (!due || !settings.folder || this.src.clock.now() < due) return null
    // Locked: the backup waits for the next check after an unlock (the key seals the file).
    if (!this.src.vault.unlocked) {
      await this.noteError('VAULT_LOCKED')
      return null
    }
    try {
      const created = await this.create({ folder: settings.folder })
      await pruneBackups(settings.folder, settings.keep)
      return created
    } catch (error) {
      await this.noteError(isMirrorError(error) ? error.code : 'INTERNAL')
      return null
    }
  }

  /** Checks now (a run missed while closed happens at start) and then every SCHEDULE_CHECK_MS. */
  start(): void {
    if (this.timer || this.started) return
    this.started = true
    const tick = (): void => {
      if (!this.started) return
      this.timer = this.timers.setTimeout(() => {
        void this.runDue()
          .catch(() => undefined)
          .finally(tick)
      }, SCHEDULE_CHECK_MS)
    }
    void this.runDue()
      .catch(() => undefined)
      .finally(tick)
  }

  stop(): void {
    this.started = false
    if (this.timer) this.timers.clearTimeout(this.timer)
    this.timer = null
  }

  private async targetIn(folder?: string): Promise<string> {
    const chosen = folder ?? (await this.settings.read()).folder
    if (!chosen) {
      throw new MirrorError('VALIDATION_FAILED', 'Choose a backup folder first.')
    }
    return freshTarget(checkFolder(chosen), this.src.clock.now())
  }

  private async noteError(code: string): Promise<void> {
    await this.settings
      .mutate((s) => {
        s.lastError = code
      })
      .catch(() => undefined)
  }

  /** Backups and restores run one at a time in a process. */
  private serial<T>(op: () => Promise<T>): Promise<T> {
    const next = this.running.then(op, op)
    this.running = next.catch(() => undefined)
    return next
  }
}
