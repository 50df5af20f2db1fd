import { z } from 'zod'
import { formatBytes } from './formatBytes'

/**
 * Files attached to a message (docs/attachments.md). A message carries references only; the
 * bytes live once per content in the data dir's `attachments/` folder (sealed in the vault's key
 * when the message is sensitive) and are read with `attachments.read`.
 */

/** Kinds ActiveMirror accepts, told apart by the file's content, never by its name. */
export const ATTACHMENT_KINDS = ['image', 'pdf', 'text'] as const
export const AttachmentKindSchema = z.enum(ATTACHMENT_KINDS)
export type AttachmentKind = z.infer<typeof AttachmentKindSchema>

/**
 * A plain attachment's id is the SHA-256 of its bytes (64 hex digits); a sealed one (a sensitive
 * message's) is `sealed-` + a keyed hash, so its id says nothing about the content.
 */
export const AttachmentIdSchema = z
  .string()
  .regex(/^(sealed-)?[0-9a-f]{64}$/, 'not an attachment id')

/** What a message stores about each attachment; also exactly what `--json` prints. */
export const AttachmentRefSchema = z.object({
  id: AttachmentIdSchema,
  name: z.string().min(1).max(255),
  mimeType: z.string().min(1).max(100),
  size: z.number().int().nonnegative(),
})
export type AttachmentRef = z.infer<typeof AttachmentRefSchema>

const MiB = 1024 * 1024

/** Largest file of each kind (see docs/attachments.md for why these numbers). */
export const ATTACHMENT_LIMITS: Readonly<Record<AttachmentKind, number>> = {
  image: 20 * MiB,
  pdf: 50 * MiB,
  text: 2 * MiB,
}

/** Largest file of any kind: a staged upload bigger than this is refused before any byte. */
export const MAX_ATTACHMENT_BYTES = Math.max(...Object.values(ATTACHMENT_LIMITS))

/** Most files on one message. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 10

/** The image types every supported provider reads (content-checked). */
export const IMAGE_MIME_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const

/** The kind of a stored attachment, from the media type its content was recognised as. */
export function attachmentKindOf(mimeType: string): AttachmentKind {
  if (mimeType.startsWith('image/')) return 'image'
  if (mimeType === 'application/pdf') return 'pdf'
  return 'text'
}

/** A staged upload (attachments.begin … finish): referenced by its id in chat.send. */
export const StagedAttachmentSchema = z.object({
  /** `staged_…`: valid in this core only, until sent or discarded (or an hour passes). */
  stagedId: z.string(),
  name: z.string(),
  mimeType: z.string(),
  size: z.number().int().nonnegative(),
  kind: AttachmentKindSchema,
})
export type StagedAttachment = z.infer<typeof StagedAttachmentSchema>

export const StagedIdSchema = z.string().regex(/^staged_[A-Za-z0-9_-]{1,100}$/, 'not a staged id')

/**
 * How one attachment reached a reply's model, as `metadata.context.attachments` records it: ids
 * only, never a file name (a sensitive message's names live in the vault; "What the model saw"
 * reads them from the message).
 */
export const AttachmentUseRecordSchema = z.object({
  messageId: z.string(),
  id: z.string(),
  /**
   * native: the file itself; text: inlined or extracted text; named: only its name and size
   * (the offline engine); omitted: left out (see reason).
   */
  as: z.enum(['native', 'text', 'named', 'omitted']),
  reason: z.enum(['withoutImages', 'noVision', 'unreadable']).optional(),
})
export type AttachmentUseRecord = z.infer<typeof AttachmentUseRecordSchema>

/** An attachment use with its reference, as "What the model saw" lists it. */
export const AttachmentUseSchema = AttachmentUseRecordSchema.extend(
  AttachmentRefSchema.omit({ id: true }).shape,
)
export type AttachmentUse = z.infer<typeof AttachmentUseSchema>

/** "screen.png (12.3 KB)": how the offline engine acknowledges a file. */
export function describeAttachment(ref: Pick<AttachmentRef, 'name' | 'size'>): string {
  return `${ref.name} (${formatBytes(ref.size)})`
}

/** A sealed attachment's id (a sensitive message's file, in the vault): `sealed-` + keyed hash. */
export const isSealedId = (id: string): boolean => id.startsWith('sealed-')
