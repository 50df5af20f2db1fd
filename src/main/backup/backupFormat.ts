import { z } from 'zod'
import { AttachmentIdSchema } from '../../shared/attachments'
import { IdentitySchema, ContinuityEntrySchema } from '../../shared/continuity'
import { FolderSchema, MessageSchema, SessionSchema } from '../../shared/domain'
import { MemoryPrivacySchema } from '../../shared/memory'
import { BackupFileCountsSchema } from '../../shared/routeGroups/backup'
import type { BackupFileCounts } from '../../shared/routeGroups/backup'
import { IV_LENGTH, KEY_LENGTH, TAG_LENGTH } from '../crypto/envelope'
import { KDF_NAME, MAX_ITERATIONS, MIN_ITERATIONS, SALT_LENGTH } from '../crypto/kdf'
import { ProviderSettingsSchema } from '../llm/providerConfig'
import { InstructionsFileSchema } from '../services/instructions/instructionsStore'
import { base64 } from '../vault/backupFormat'
import { VaultSettingsSchema } from '../vault/vaultSettings'

/** The full backup of docs/backup.md: a JSON header line, then sealed frames, one per line. */
export const FULL_BACKUP_FORMAT = 'activemirror.backup'
export const FULL_BACKUP_VERSION = 1
export const FILE_KEY_AAD = Buffer.from('activemirror.backup-key.v1', 'ascii')
/** Plaintext collected before a frame is sealed: bounds memory whatever the history's size. */
export const FRAME_PLAINTEXT_BYTES = 64 * 1024
/** A longer line is not a frame this app wrote (one record alone can exceed a frame, not this). */
export const MAX_LINE_BYTES = 256 * 1024 * 1024

/** Binds each frame to its position and says whether it is the last: truncation is detected. */
export function frameAad(index: number, last: boolean): Buffer {
  return Buffer.from(`activemirror.backup-frame.v1:${index}:${last ? 'last' : 'more'}`, 'ascii')
}

const sealedOf = (size?: number) =>
  z.object({ iv: base64(IV_LENGTH), ciphertext: base64(size), tag: base64(TAG_LENGTH) })

export const HeaderSchema = z.object({
  format: z.literal(FULL_BACKUP_FORMAT),
  version: z.literal(FULL_BACKUP_VERSION),
  createdAt: z.iso.datetime(),
  vaultId: z.string().min(1),
  kdf: z.object({
    name: z.literal(KDF_NAME),
    iterations: z.number().int().min(MIN_ITERATIONS).max(MAX_ITERATIONS),
    salt: base64(SALT_LENGTH),
  }),
  wrappedKey: sealedOf(KEY_LENGTH),
  fileKey: sealedOf(KEY_LENGTH),
})
export type BackupHeader = z.output<typeof HeaderSchema>

export const FrameSchema = z.object({
  frame: z.number().int().nonnegative(),
  last: z.boolean(),
  iv: base64(IV_LENGTH),
  ciphertext: base64(),
  tag: base64(TAG_LENGTH),
})

export const BackupCountsSchema = BackupFileCountsSchema
export type BackupCounts = BackupFileCounts

export const noCounts = (): BackupCounts => ({
  sessions: 0,
  messages: 0,
  folders: 0,
  vaultRecords: 0,
  logEntries: 0,
  attachments: 0,
})

const COUNTED: Partial<Record<BackupRecord['type'], keyof BackupCounts>> = {
  session: 'sessions',
  message: 'messages',
  folder: 'folders',
  vaultRecord: 'vaultRecords',
  logEntry: 'logEntries',
  attachment: 'attachments',
}

/** Adds `record` to the counts the `end` record states (writer and reader count alike). */
export function countRecord(counts: BackupCounts, record: BackupRecord): void {
  const key = COUNTED[record.type]
  if (key) counts[key]++
}

/** A vault record exactly as vault.md's backup lists it (still sealed under the vault's key). */
export const VaultRecordLineSchema = z.object({
  id: z.string().min(1),
  iv: z.string(),
  ciphertext: z.string(),
  tag: z.string(),
})

export const BackupRecordSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('identity'), identity: IdentitySchema }),
  z.object({ type: z.literal('providerSettings'), value: ProviderSettingsSchema }),
  z.object({ type: z.literal('instructions'), value: InstructionsFileSchema }),
  z.object({ type: z.literal('vaultSettings'), value: VaultSettingsSchema }),
  /** "Send memories only to local models" (memory-settings.json). */
  z.object({ type: z.literal('memorySettings'), value: MemoryPrivacySchema }),
  z.object({ type: z.literal('logEntry'), entry: ContinuityEntrySchema }),
  z.object({ type: z.literal('vaultRecord'), record: VaultRecordLineSchema }),
  z.object({ type: z.literal('folder'), folder: FolderSchema }),
  z.object({ type: z.literal('session'), session: SessionSchema }),
  z.object({ type: z.literal('message'), message: MessageSchema }),
  /** One attachment file exactly as stored: plain bytes, or a sealed file still sealed. */
  z.object({
    type: z.literal('attachment'),
    id: AttachmentIdSchema,
    data: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not standard base64'),
  }),
  z.object({ type: z.literal('end'), counts: BackupCountsSchema }),
])
export type BackupRecord = z.infer<typeof BackupRecordSchema>
