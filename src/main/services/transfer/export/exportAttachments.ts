import { createHash } from 'node:crypto'
import type yazl from 'yazl'
import type { AttachmentRef } from '../../../../shared/attachments'
import { isSealedId } from '../../../../shared/attachments'
import type { Message } from '../../../../shared/domain'
import { isMirrorError } from '../../../../shared/errors'

/** Where a zip export keeps the files: `attachments/<id>-<name>` beside the session file. */
export const ZIP_ATTACHMENTS_DIR = 'attachments'

/** Reads a stored attachment's bytes (AttachmentService.read: a sealed one needs the vault). */
export interface AttachmentReader {
  read(id: string): Promise<Buffer>
}

/** What a zip export says about one file: its entry and, for a sealed one, the bytes' SHA-256. */
export interface ExportedFile {
  file: string
  /** Only for sealed ids, whose id is not the hash of the bytes: the import checks against it. */
  sha256?: string
}

export interface ZippedAttachments {
  files: Map<string, ExportedFile>
  /** Ids whose bytes could not be read (deleted, another machine's, vault locked). */
  missing: string[]
}

/** A file-name-safe form of an attachment's name (links in Markdown need no escaping). */
export function safeEntryName(name: string): string {
  const safe = name
    .normalize('NFKC')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(-100)
  return safe || 'file'
}

export function attachmentEntryName(ref: Pick<AttachmentRef, 'id' | 'name'>): string {
  return `${ZIP_ATTACHMENTS_DIR}/${ref.id}-${safeEntryName(ref.name)}`
}

/** Every distinct attachment of `messages`, in the order they first appear. */
export function attachmentsOf(messages: readonly Message[]): AttachmentRef[] {
  const seen = new Map<string, AttachmentRef>()
  for (const m of messages) for (const ref of m.attachments ?? []) seen.set(ref.id, ref)
  return [...seen.values()]
}

/**
 * Adds the bytes of every attachment of `messages` to `zip`, once per id. A file that cannot
 * be read is left out (its reference stays, without `file`) rather than failing the export.
 */
export async function zipAttachments(
  zip: yazl.ZipFile,
  messages: readonly Message[],
  reader: AttachmentReader,
  mtime: Date,
  /** Files already in this zip (an export of every session shares them between sessions). */
  files = new Map<string, ExportedFile>(),
): Promise<ZippedAttachments> {
  const missing: string[] = []
  for (const ref of attachmentsOf(messages)) {
    if (files.has(ref.id)) continue
    let bytes: Buffer
    try {
      bytes = await reader.read(ref.id)
    } catch (error) {
      if (!isMirrorError(error)) throw error
      missing.push(ref.id)
      continue
    }
    const file = attachmentEntryName(ref)
    // Images, PDFs and most files are compressed already; deflating them again buys nothing.
    zip.addBuffer(bytes, file, { mtime, compress: ref.mimeType.startsWith('text/') })
    const sha256 = isSealedId(ref.id) ? createHash('sha256').update(bytes).digest('hex') : null
    files.set(ref.id, { file, ...(sha256 && { sha256 }) })
  }
  return { files, missing }
}
