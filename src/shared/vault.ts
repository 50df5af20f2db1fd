import { z } from 'zod'
import { IsoDateSchema } from './domain'

/** Vault entry categories, exactly as formats/vault.md lists them. */
export const VAULT_CATEGORIES = [
  'goals',
  'reflections',
  'preferences',
  'private',
  'knowledge',
  'relationships',
] as const
export const VaultCategorySchema = z.enum(VAULT_CATEGORIES)
export type VaultCategory = z.infer<typeof VaultCategorySchema>

export const MIN_VAULT_PASSWORD_LENGTH = 8
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

export const SensitiveMessageSchema = z.object({
  sessionId: z.string().min(1),
  messageId: z.string().min(1),
  content: z.string(),
})
export type SensitiveMessage = z.infer<typeof SensitiveMessageSchema>

export const PasswordStrengthSchema = z.object({
  score: z.number().int().min(0).max(4),
  hint: z.string(),
})
export type PasswordStrength = z.infer<typeof PasswordStrengthSchema>

const COMMON_PASSWORDS = new Set([
  'password',
  'password1',
  'password123',
  '12345678',
  '123456789',
  '1234567890',
  'qwertyui',
  'qwerty123',
  'iloveyou',
  'letmein1',
  'sunshine',
  'football',
  'baseball',
  'welcome1',
  'abcd1234',
  'admin123',
  'activemirror',
])

/**
 * A quick strength hint for the setup screen (pure, so the renderer can run it while typing).
 * 0 = refused (too short or common), 4 = strong. A hint, not a guarantee.
 */
export function passwordStrength(password: string): PasswordStrength {
  const length = [...password].length
  if (length < MIN_VAULT_PASSWORD_LENGTH) {
    return { score: 0, hint: `Use at least ${MIN_VAULT_PASSWORD_LENGTH} characters.` }
  }
  const lower = password.toLowerCase()
  if (COMMON_PASSWORDS.has(lower) || new Set(lower).size <= 2) {
    return { score: 0, hint: 'This password is too easy to guess.' }
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) =>
    re.test(password),
  ).length
  let score = 1
  if (length >= 12) score++
  if (length >= 16) score++
  if (classes >= 3) score++
  if (/(.)\1\1/.test(password) || /^(?:[a-z]+|[0-9]+)$/i.test(password)) score--
  score = Math.max(1, Math.min(4, score))
  const hints = [
    '',
    'Weak: a longer passphrase of several unrelated words is much stronger.',
    'Fair: add length or mix in digits and symbols.',
    'Good.',
    'Strong.',
  ]
  return { score, hint: hints[score] ?? '' }
}
