import { z } from 'zod'

export { SDK_ENTRY_SUFFIX, SDK_INDEX_FILE, isSdkVaultFileName } from './sdkVaultNames'

export const SDK_VAULT_FORMATS = ['python', 'javascript'] as const
export const SdkVaultFormatSchema = z.enum(SDK_VAULT_FORMATS)
export type SdkVaultFormat = z.infer<typeof SdkVaultFormatSchema>

/** A file of the folder that could not be read; `key` is null for the index. */
export const SdkVaultDamageSchema = z.object({
  file: z.string(),
  key: z.string().nullable(),
  reason: z.string(),
})
export type SdkVaultDamage = z.infer<typeof SdkVaultDamageSchema>

/** What `amos vault import-sdk` and the vault panel's "Import SDK vault" report. */
export const SdkVaultImportReportSchema = z.object({
  format: SdkVaultFormatSchema,
  /** Entries decrypted from the SDK vault. */
  found: z.number().int().nonnegative(),
  /** Entries added to the vault. */
  imported: z.number().int().nonnegative(),
  /** Entries left out because the vault already has their key (identical or not). */
  skipped: z.number().int().nonnegative(),
  /** Keys among the skipped whose vault entry differs from the SDK's (the vault's was kept). */
  conflicts: z.array(z.string()),
  /** Files that could not be read, by key; the rest was imported. */
  damaged: z.array(SdkVaultDamageSchema),
})
export type SdkVaultImportReport = z.infer<typeof SdkVaultImportReportSchema>

/** Largest SDK vault folder the route takes (the browser host's frames stop at 100 MB). */
export const SDK_VAULT_MAX_BYTES = 48 * 1024 * 1024
export const SDK_VAULT_MAX_FILES = 10_000

/** The route input: the folder's files, contents in standard base64 (JS SDK files are binary). */
export const SdkVaultImportInputSchema = z
  .object({
    files: z
      .array(
        z
          .object({
            name: z.string().min(1).max(300),
            base64: z.string().max(Math.ceil(SDK_VAULT_MAX_BYTES / 3) * 4),
          })
          .strict(),
      )
      .min(1)
      .max(SDK_VAULT_MAX_FILES)
      .refine(
        (files) => files.reduce((n, f) => n + f.base64.length, 0) <= (SDK_VAULT_MAX_BYTES / 3) * 4,
        'The SDK vault folder is too large (48 MB at most).',
      ),
    password: z.string().min(1).max(1024),
  })
  .strict()
