import { z } from 'zod'
import {
  VAULT_KEY_MAX_LENGTH,
  VaultCategorySchema,
  VaultDamageReasonSchema,
  VaultDamagedRecordSchema,
  VaultEntryOptionsSchema,
  VaultEntrySchema,
  VaultStatsSchema,
  VaultStatusSchema,
  VaultValueSchema,
} from '../vault'
import { SdkVaultImportInputSchema, SdkVaultImportReportSchema } from '../sdkVault'
import { EmptyInputSchema as Empty, route, UploadIdSchema } from './route'

// Passwords cross renderer → main only in the calls below that need them; keys never cross.
const Password = z.string().min(1).max(1024)
const Key = z.string().min(1).max(VAULT_KEY_MAX_LENGTH)
/** A backup file's text. In browser mode a larger one goes through vault.restoreUpload. */
const BackupText = z
  .string()
  .min(1)
  .max(64 * 1024 * 1024)

export const VaultBackupFileSchema = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  content: z.string(),
})
export type VaultBackupFile = z.infer<typeof VaultBackupFileSchema>

export const VaultRestoreReportSchema = z.object({
  mode: z.enum(['new', 'merge']),
  vaultId: z.string(),
  added: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  kept: z.number().int().nonnegative(),
  /** Backup records that failed their own check: left out, named by id. */
  damaged: z.array(z.object({ id: z.string(), reason: VaultDamageReasonSchema })),
})
export type VaultRestoreReport = z.infer<typeof VaultRestoreReportSchema>

export const vaultRoutes = {
  'vault.status': route(Empty, VaultStatusSchema),
  /** First-run setup: creates the vault and leaves it unlocked. */
  'vault.init': route(z.object({ password: Password }).strict(), VaultStatusSchema),
  'vault.unlock': route(z.object({ password: Password }).strict(), VaultStatusSchema),
  'vault.unlockWithKeychain': route(Empty, VaultStatusSchema),
  'vault.lock': route(Empty, VaultStatusSchema),
  /** "Remember on this device" (on, needs the vault unlocked) or "Forget this device" (off). */
  'vault.remember': route(z.object({ on: z.boolean() }).strict(), VaultStatusSchema),
  'vault.changePassword': route(
    z.object({ oldPassword: Password, newPassword: Password }).strict(),
    VaultStatusSchema,
  ),
  /** Idle minutes before auto-lock; null turns it off. */
  'vault.setAutoLock': route(
    z
      .object({
        minutes: z
          .number()
          .int()
          .min(1)
          .max(24 * 60)
          .nullable(),
      })
      .strict(),
    VaultStatusSchema,
  ),
  /** User activity in the window: postpones auto-lock. */
  'vault.touch': route(Empty, z.object({ unlocked: z.boolean() })),
  'vault.listEntries': route(
    z.object({ category: VaultCategorySchema.optional() }).strict(),
    z.array(VaultEntrySchema),
  ),
  'vault.getEntry': route(z.object({ key: Key }).strict(), VaultEntrySchema),
  'vault.setEntry': route(
    VaultEntryOptionsSchema.extend({ key: Key, value: VaultValueSchema }).strict(),
    VaultEntrySchema,
  ),
  'vault.deleteEntry': route(z.object({ key: Key }).strict(), z.object({ deleted: z.boolean() })),
  'vault.searchEntries': route(
    z.object({ query: z.string().trim().min(1).max(500) }).strict(),
    z.array(VaultEntrySchema),
  ),
  'vault.stats': route(Empty, VaultStatsSchema),
  /** Records that cannot be read (skipped everywhere else), by id, kind and reason. */
  'vault.check': route(Empty, z.array(VaultDamagedRecordSchema)),
  /** The encrypted backup file (formats/vault.md), to download. */
  'vault.backup': route(Empty, VaultBackupFileSchema),
  'vault.restore': route(
    z.object({ content: BackupText, password: Password, mode: z.enum(['new', 'merge']) }).strict(),
    VaultRestoreReportSchema,
  ),
  /**
   * The same, for a backup too big for one request in the browser: its bytes were sent with
   * import.begin / import.chunk (not committed), and the upload ends here.
   */
  'vault.restoreUpload': route(
    z
      .object({ uploadId: UploadIdSchema, password: Password, mode: z.enum(['new', 'merge']) })
      .strict(),
    VaultRestoreReportSchema,
  ),
  /** An ActiveMirrorOS SDK vault folder's files, imported into the open vault (docs/vault.md). */
  'vault.importSdk': route(SdkVaultImportInputSchema, SdkVaultImportReportSchema),
} as const
