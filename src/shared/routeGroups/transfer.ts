import { z } from 'zod'
import { ErrorCodeSchema } from '../errorInfo'
import { IMPORT_FILES_PER_REQUEST, UPLOAD_CHUNK_BYTES } from '../hostSocket'
import {
  Base64ChunkSchema,
  IdSchema as Id,
  EmptyInputSchema,
  route,
  UploadIdSchema as UploadId,
} from './route'

export const ImportReportSchema = z.object({
  imported: z.array(z.object({ file: z.string(), sessionId: z.string(), title: z.string() })),
  skipped: z.array(z.object({ file: z.string(), sessionId: z.string(), reason: z.string() })),
  failed: z.array(z.object({ file: z.string(), code: ErrorCodeSchema, reason: z.string() })),
  /** True when the import was cancelled; what was imported before stays imported. */
  cancelled: z.boolean().optional(),
})
export type ImportReport = z.infer<typeof ImportReportSchema>

export { UPLOAD_CHUNK_BYTES }

export const ImportProgressSchema = z.object({
  uploadId: z.string(),
  bytesRead: z.number().nonnegative(),
  total: z.number().nonnegative(),
  sessionsImported: z.number().int().nonnegative(),
})
export type ImportProgress = z.infer<typeof ImportProgressSchema>

export const ExportArchiveSchema = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  /** The zip's bytes, base64. */
  base64: z.string(),
  sessionCount: z.number().int().nonnegative(),
})
export type ExportArchive = z.infer<typeof ExportArchiveSchema>

/**
 * Largest session zip the app takes as one base64 answer: it fits the largest attachment
 * (a 50 MiB PDF) with room to spare, while the bytes, their base64 and the serialized answer
 * stay a few hundred MB at worst. Larger sessions: `amos export ID --format zip` writes a file.
 */
export const SESSION_ZIP_MAX_BYTES = 64 * 1024 * 1024

export const SessionZipArchiveSchema = ExportArchiveSchema.extend({
  /** Files written into the zip. */
  attachments: z.number().int().nonnegative(),
  /** Attachments whose bytes could not be read (their references stay, without a file). */
  missingAttachments: z.array(z.string()),
  /** Sensitive messages in the session (placeholders unless includeSensitive). */
  sensitiveMessages: z.number().int().nonnegative(),
})
export type SessionZipArchive = z.infer<typeof SessionZipArchiveSchema>

export const transferRoutes = {
  /** Small text files sent whole. Large or binary files use import.begin/chunk/commit. */
  'import.files': route(
    z
      .object({
        files: z
          .array(
            z
              .object({ name: z.string().max(500), content: z.string().max(50 * 1024 * 1024) })
              .strict(),
          )
          .min(1)
          .max(IMPORT_FILES_PER_REQUEST),
      })
      .strict(),
    ImportReportSchema,
  ),
  /** Starts a chunked upload; a file over the size limit is refused here, before any byte. */
  'import.begin': route(
    z.object({ name: z.string().min(1).max(500), size: z.number().int().nonnegative() }).strict(),
    z.object({ uploadId: z.string(), chunkBytes: z.number().int().positive() }),
  ),
  /** Chunks are sent in order (index 0, 1, …), each at most UPLOAD_CHUNK_BYTES once decoded. */
  'import.chunk': route(
    z
      .object({
        uploadId: UploadId,
        index: z.number().int().nonnegative(),
        data: Base64ChunkSchema,
      })
      .strict(),
    z.object({ received: z.number().int().nonnegative() }),
  ),
  /** Starts the import in the background: import.progress events, then one import.done. */
  'import.commit': route(
    z.object({ uploadId: UploadId }).strict(),
    z.object({ uploadId: z.string() }),
  ),
  /** Stops an upload or a running import; sessions already imported stay. */
  'import.cancel': route(
    z.object({ uploadId: UploadId }).strict(),
    z.object({ cancelled: z.boolean() }),
  ),
  /** Every session as one zip (an ActiveMirrorOS SDK store folder: index.json + session files). */
  'sessions.exportAll': route(EmptyInputSchema, ExportArchiveSchema),
  /**
   * One session and its attachments as a zip (`<title>.json` or `.md` + attachments/<id>-<name>),
   * base64; over SESSION_ZIP_MAX_BYTES it is refused with EXPORT_TOO_LARGE.
   */
  'sessions.exportZip': route(
    z
      .object({
        id: Id,
        format: z.enum(['json', 'markdown']),
        includeSensitive: z.boolean().optional(),
      })
      .strict(),
    SessionZipArchiveSchema,
  ),
  /** Desktop only: writes the export to a temporary file and starts a native drag of it. */
  'sessions.startDrag': route(
    z.object({ id: Id, format: z.enum(['json', 'markdown']) }).strict(),
    z.object({ fileName: z.string() }),
  ),
} as const
