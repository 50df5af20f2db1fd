/** Vault rules without schemas, so the renderer can use them without bundling zod. */

/**
 * Vault entry categories: those formats/vault.md lists, and `memory` (ActiveMirror's addition:
 * memories the user accepted, docs/memory.md).
 */
export const VAULT_CATEGORIES = [
  'goals',
  'reflections',
  'preferences',
  'private',
  'knowledge',
  'relationships',
  'memory',
] as const
export const MIN_VAULT_PASSWORD_LENGTH = 8

/** What passwordStrength answers (PasswordStrengthSchema in vault.ts is its wire shape). */
export interface PasswordStrength {
  /** 0 = refused (too short or common) … 4 = strong. */
  score: number
  hint: string
}

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
