import { readdir, rm } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { BackupScheduleSchema } from '../../shared/routeGroups/backup'
import type { BackupSchedule, BackupStatus } from '../../shared/routeGroups/backup'
import { JsonSettingsFile } from '../fs/jsonSettingsFile'

export const BACKUP_SETTINGS_FILE = 'backup-settings.json'
export const BACKUP_FILE_EXTENSION = '.ambackup'
const BACKUP_NAME = /^activemirror-backup-\d{8}T\d{6}(?:\d{3})?Z(?:-\d+)?\.ambackup$/

const DAY_MS = 24 * 60 * 60 * 1000
export const INTERVAL_MS = { daily: DAY_MS, weekly: 7 * DAY_MS } as const

const SettingsSchema = BackupScheduleSchema.extend({
  lastBackupAt: z.string().nullable(),
  lastError: z.string().nullable(),
})
export type BackupSettings = z.infer<typeof SettingsSchema>

const DEFAULTS: BackupSettings = {
  frequency: 'off',
  folder: null,
  keep: 7,
  lastBackupAt: null,
  lastError: null,
}

/** The schedule and the last backup time, kept in `backup-settings.json` so they survive restarts. */
export function backupSettingsFile(dir: string): JsonSettingsFile<BackupSettings> {
  return new JsonSettingsFile(dir, BACKUP_SETTINGS_FILE, SettingsSchema, () => ({ ...DEFAULTS }))
}

/** `activemirror-backup-20261205T031500123Z.ambackup`: names sort by time. */
export function backupFileName(at: Date): string {
  const stamp = at.toISOString().replace(/[-:.]/g, '')
  return `activemirror-backup-${stamp}${BACKUP_FILE_EXTENSION}`
}

/** When the next scheduled backup is due; null when off or no folder. Missed runs are due now. */
export function nextDueAt(settings: BackupSchedule & { lastBackupAt: string | null }): Date | null {
  if (settings.frequency === 'off' || !settings.folder) return null
  if (!settings.lastBackupAt) return new Date(0)
  const last = Date.parse(settings.lastBackupAt)
  return new Date((Number.isNaN(last) ? 0 : last) + INTERVAL_MS[settings.frequency])
}

export function statusOf(settings: BackupSettings): BackupStatus {
  const due = nextDueAt(settings)
  return { ...settings, nextDueAt: due ? due.toISOString() : null }
}

/**
 * Deletes the oldest backups the app named in `folder` beyond the newest `keep`. Files named
 * otherwise are never touched. Returns the names deleted.
 */
export async function pruneBackups(folder: string, keep: number): Promise<string[]> {
  const names = (await readdir(folder))
    .filter((n) => BACKUP_NAME.test(n))
    .sort()
    .reverse()
  const old = names.slice(keep)
  for (const name of old) await rm(path.join(folder, name), { force: true })
  return old
}
