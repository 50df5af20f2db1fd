import { z } from 'zod'
import { AttachmentRefSchema } from '../../../../../../shared/attachments'
import type { PendingMessageFiles } from '../../importShared'

/**
 * An attachment reference as ActiveMirror's exports write it (JSON and the Markdown comments);
 * `file` (and `sha256` for a sealed id) only in a zip export.
 */
export const NativeAttachmentSchema = AttachmentRefSchema.extend({
  file: z.string().min(1).max(400).optional(),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
})
type NativeAttachment = z.infer<typeof NativeAttachmentSchema>

/** The files each message refers to, found and stored with the session (importFiles.ts). */
export function nativePendingFiles(
  messages: ReadonlyArray<{ id: string; attachments?: NativeAttachment[] }>,
): { files?: Map<string, PendingMessageFiles> } {
  const files = new Map<string, PendingMessageFiles>()
  for (const m of messages) {
    if (!m.attachments?.length) continue
    files.set(m.id, {
      files: m.attachments.map(({ file, sha256, ...ref }) => ({
        kind: 'native',
        ref,
        file,
        sha256,
      })),
    })
  }
  return files.size > 0 ? { files } : {}
}
