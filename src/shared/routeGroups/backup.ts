import { z } from 'zod'
import { EmptyInputSchema, route } from './route'

/** Full backups of everything (docs/backup.md): Settings → Privacy and `amos backup`. */

export const BackupCountSchema = z.object({
  /** In the backup. */
  total: z.number().int().nonnegative(),
  /** Not in this data dir yet: a restore adds them. */
  new: z.number().int().nonnegative(),
  /** Already here (same id, or for vault entries the same key): the data dir's own is kept. */
  present: z.number().int().nonnegative(),
})
export type BackupCount = z.infer<typeof BackupCountSchema>

export const BackupPreviewSchema = z.object({
  createdAt: z.string(),
  /** 'empty': the data dir holds no sessions and no vault, so identity and settings come back too. */
  target: z.enum(['empty', 'merge']),
  sessions: BackupCountSchema,
  messages: BackupCountSchema,
  folders: BackupCountSchema,
  vaultEntries: BackupCountSchema,
  logEntries: BackupCountSchema,
  /** Attachment files (docs/attachments.md), by id. */
  attachments: BackupCountSchema,
})
export type BackupPreview = z.infer<typeof BackupPreviewSchema>

export const BackupRestoreReportSchema = BackupPreviewSchema.extend({
  /** Vault records that failed their own check: left out, named. */
  damagedVaultRecords: z.array(z.object({ id: z.string(), reason: z.string() })),
})
export type BackupRestoreReport = z.infer<typeof BackupRestoreReportSchema>

const Count = z.number().int().nonnegative()

/** What a backup file holds (its `end` record, docs/backup.md). */
export const BackupFileCountsSchema = z.object({
  sessions: Count,
  messages: Count,
  folders: Count,
  vaultRecords: Count,
  logEntries: Count,
  /** Files of the attachment store; 0 in backups made before they were included. */
  attachments: Count.default(0),
})
export type BackupFileCounts = z.infer<typeof BackupFileCountsSchema>

export const CreatedBackupSchema = z.object({
  file: z.string(),
  createdAt: z.string(),
  bytes: Count,
  counts: BackupFileCountsSchema,
})
export type CreatedBackupInfo = z.infer<typeof CreatedBackupSchema>

export const BACKUP_KEEP_MAX = 100

export const BackupScheduleSchema = z.object({
  frequency: z.enum(['off', 'daily', 'weekly']),
  /** An absolute folder on the machine running the core; null until chosen. */
  folder: z.string().min(1).max(4096).nullable(),
  /** How many scheduled backups to keep in the folder (older ones are deleted). */
  keep: z.number().int().min(1).max(BACKUP_KEEP_MAX),
})
export type BackupSchedule = z.infer<typeof BackupScheduleSchema>

export const BackupStatusSchema = BackupScheduleSchema.extend({
  lastBackupAt: z.string().nullable(),
  /** When the next scheduled backup is due (null when off or no folder). */
  nextDueAt: z.string().nullable(),
  /** Why the last scheduled run failed (e.g. VAULT_LOCKED), null after a success. */
  lastError: z.string().nullable(),
})
export type BackupStatus = z.infer<typeof BackupStatusSchema>

const PathSchema = z.string().min(1).max(4096)
const PasswordSchema = z.string().min(1).max(1024)

export const backupRoutes = {
  'backup.status': route(EmptyInputSchema, BackupStatusSchema),
  /**
   * The desktop app's native folder picker, answered by the window's host (null: cancelled).
   * Hosts without one (the browser host) answer NOT_SUPPORTED: the folder is typed instead.
   */
  'backup.chooseFolder': route(EmptyInputSchema, z.object({ folder: z.string().nullable() })),
  'backup.setSchedule': route(BackupScheduleSchema.partial().strict(), BackupStatusSchema),
  /** Writes a backup now into `folder` (default: the schedule's folder). Needs the vault open. */
  'backup.create': route(z.object({ folder: PathSchema.optional() }).strict(), CreatedBackupSchema),
  /** Reads and checks the whole file; writes nothing. */
  'backup.preview': route(
    z.object({ file: PathSchema, password: PasswordSchema }).strict(),
    BackupPreviewSchema,
  ),
  'backup.restore': route(
    z.object({ file: PathSchema, password: PasswordSchema }).strict(),
    BackupRestoreReportSchema,
  ),
}
