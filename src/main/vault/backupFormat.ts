import { z } from 'zod'
import { MirrorError } from '../../shared/errors'
import { IV_LENGTH, KEY_LENGTH, TAG_LENGTH } from '../crypto/envelope'
import type { Sealed } from '../crypto/envelope'
import { KDF_NAME, MAX_ITERATIONS, MIN_ITERATIONS, SALT_LENGTH } from '../crypto/kdf'
import type { KdfParams } from '../crypto/kdf'
import type { StoredRecord, VaultMeta } from './recordStore'
import { sdkVaultTextError } from './sdk/sdkVaultDetect'

export const BACKUP_FORMAT = 'activemirror.vault-backup'
export const BACKUP_VERSION = 1

/** Standard base64 (RFC 4648 §4, padded) that decodes to exactly `size` bytes when given. */
export function base64(size?: number) {
  return (
    z
      .string()
      // Canonical only: the bytes must re-encode to the same text, so no character is ignored.
      .refine(
        (s) =>
          /^[A-Za-z0-9+/]*={0,2}$/.test(s) && Buffer.from(s, 'base64').toString('base64') === s,
        'not standard base64',
      )
      .transform((s) => Buffer.from(s, 'base64'))
      .refine((b) => size === undefined || b.length === size, `must decode to ${size} bytes`)
  )
}

const BackupFileSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  vaultId: z.string().min(1),
  kdf: z.object({
    name: z.literal(KDF_NAME),
    iterations: z.number().int().min(MIN_ITERATIONS).max(MAX_ITERATIONS),
    salt: base64(SALT_LENGTH),
  }),
  wrappedKey: z.object({
    iv: base64(IV_LENGTH),
    ciphertext: base64(KEY_LENGTH),
    tag: base64(TAG_LENGTH),
  }),
  records: z.array(
    z.object({
      id: z.string().min(1),
      iv: base64(IV_LENGTH),
      ciphertext: base64(),
      tag: base64(TAG_LENGTH),
    }),
  ),
})

/** A backup whose structure is valid; nothing in it is authenticated yet. */
export interface ParsedBackup {
  vaultId: string
  kdf: KdfParams
  wrappedKey: Sealed
  records: Array<Sealed & { id: string }>
}

const b64 = (b: Buffer): string => b.toString('base64')

/** The backup JSON of vault.md, fields in its documented order. */
export function formatBackup(meta: VaultMeta, records: readonly StoredRecord[]): string {
  const file = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    vaultId: meta.vaultId,
    kdf: { name: meta.kdf.name, iterations: meta.kdf.iterations, salt: b64(meta.kdf.salt) },
    wrappedKey: {
      iv: b64(meta.wrappedKey.iv),
      ciphertext: b64(meta.wrappedKey.ciphertext),
      tag: b64(meta.wrappedKey.tag),
    },
    records: records.map((r) => ({
      id: r.id,
      iv: b64(r.iv),
      ciphertext: b64(r.ciphertext),
      tag: b64(r.tag),
    })),
  }
  return `${JSON.stringify(file, null, 2)}\n`
}

function corrupt(message: string, data?: Record<string, unknown>): MirrorError {
  return new MirrorError('VAULT_CORRUPT', message, data)
}

/** Checks format, version and every field's encoding and size; throws VAULT_CORRUPT. */
export function parseBackup(text: string): ParsedBackup {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw (
      sdkVaultTextError(text) ?? corrupt('This file is not a vault backup: it is not valid JSON.')
    )
  }
  const head = (json ?? {}) as { format?: unknown; version?: unknown }
  if (typeof json !== 'object' || head.format !== BACKUP_FORMAT) {
    throw corrupt('This file is not an ActiveMirror vault backup.')
  }
  if (head.version !== BACKUP_VERSION) {
    throw corrupt(
      `Vault backup version ${String(head.version)} is not supported (this app reads version ${BACKUP_VERSION}).`,
    )
  }
  const result = BackupFileSchema.safeParse(json)
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    throw corrupt(`The vault backup is damaged (${issues[0] ?? 'invalid'}).`, { issues })
  }
  const { vaultId, kdf, wrappedKey, records } = result.data
  const ids = new Set<string>()
  for (const r of records) {
    if (ids.has(r.id)) throw corrupt(`The vault backup holds record ${r.id} twice.`)
    ids.add(r.id)
  }
  return { vaultId, kdf, wrappedKey, records }
}
