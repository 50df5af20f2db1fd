import { z } from 'zod'
import { IsoDateSchema } from './domain'
import { VAULT_CATEGORIES } from './vaultRules'
import { AttachmentRefSchema } from './attachments'

// Plain rules the renderer uses live in vaultRules.ts, which does not pull zod into its bundle.
export { MIN_VAULT_PASSWORD_LENGTH, VAULT_CATEGORIES, passwordStrength } from './vaultRules'
export type { PasswordStrength } from './vaultRules'

export const VaultCategorySchema = z.enum(VAULT_CATEGORIES)
export type VaultCategory = z.infer<typeof VaultCategorySchema>

export const VAULT_KEY_MAX_LENGTH = 200

/** A vault entry's value: text or any JSON value. */
export const VaultValueSchema = z.json()
export type VaultValue = z.infer<typeof VaultValueSchema>

export const VaultEntrySchema = z.object({
  key: z.string().min(1).max(VAULT_KEY_MAX_LENGTH),
  value: VaultValueSchema,
  category: VaultCategorySchema,
  tags: z.array(z.string()),
  metadata: z.record(z.string(), z.unknown()),
  useInConversations: z.boolean(),
  createdAt: IsoDateSchema,
  updatedAt: IsoDateSchema,
})
export type VaultEntry = z.infer<typeof VaultEntrySchema>

export const VaultEntryOptionsSchema = z.object({
  category: VaultCategorySchema.optional(),
  tags: z.array(z.string().min(1).max(100)).max(50).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  useInConversations: z.boolean().optional(),
})
export type VaultEntryOptions = z.infer<typeof VaultEntryOptionsSchema>

export const VaultStatusSchema = z.object({
  initialized: z.boolean(),
  unlocked: z.boolean(),
  /** The data key is kept in this device's OS keychain ("Remember on this device"). */
  remembered: z.boolean(),
  vaultId: z.string().nullable(),
  /** Idle minutes before auto-lock; null when off. */
  autoLockMinutes: z.number().positive().nullable(),
})
export type VaultStatus = z.infer<typeof VaultStatusSchema>

export const VaultStatsSchema = z.object({
  total: z.number().int().nonnegative(),
  byCategory: z.record(VaultCategorySchema, z.number().int().nonnegative()),
  messages: z.number().int().nonnegative(),
})
export type VaultStats = z.infer<typeof VaultStatsSchema>

/**
 * Why a stored vault record cannot be read: `brokenRow` (unknown kind, or an IV or tag of the
 * wrong size), `integrity` (authentication failed: altered bytes, truncated ciphertext, or a record
 * moved to another id), `notJson` (decrypts but is not JSON), `wrongShape` (JSON that is not the
 * record its row says it is).
 */
export const VAULT_DAMAGE_REASONS = ['brokenRow', 'integrity', 'notJson', 'wrongShape'] as const
export const VaultDamageReasonSchema = z.enum(VAULT_DAMAGE_REASONS)
export type VaultDamageReason = z.infer<typeof VaultDamageReasonSchema>

/** A damaged record, named only by what is stored in the clear (its id and kind). */
export const VaultDamagedRecordSchema = z.object({
  id: z.string(),
  /** As stored: `entry` or `message`, or whatever a broken row holds. */
  kind: z.string(),
  reason: VaultDamageReasonSchema,
})
export type VaultDamagedRecord = z.infer<typeof VaultDamagedRecordSchema>

export const SensitiveMessageSchema = z.object({
  sessionId: z.string().min(1),
  messageId: z.string().min(1),
  content: z.string(),
  /** The message's attachment references: file names stay out of the sessions store too. */
  attachments: z.array(AttachmentRefSchema).optional(),
})
export type SensitiveMessage = z.infer<typeof SensitiveMessageSchema>

export const PasswordStrengthSchema = z.object({
  score: z.number().int().min(0).max(4),
  hint: z.string(),
})

/** `activemirror-vault-2025-03-01.json`: the date helps tell several backups apart. */
export function backupFileName(now: Date): string {
  return `activemirror-vault-${now.toISOString().slice(0, 10)}.json`
}
