import { z } from 'zod'
import {
  AttachmentIdSchema,
  MAX_ATTACHMENT_BYTES,
  StagedAttachmentSchema,
  StagedIdSchema,
} from '../attachments'
import { Base64ChunkSchema, route } from './route'

/**
 * Attaching files (docs/attachments.md): a file is staged in chunks (begin, chunk…, finish),
 * then chat.send names its staged id; stored attachments are read back in chunks.
 */
export const attachmentRoutes = {
  /** A file over the largest limit (MAX_ATTACHMENT_BYTES) is refused here, before any byte. */
  'attachments.begin': route(
    z
      .object({
        name: z.string().min(1).max(255),
        size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
      })
      .strict(),
    z.object({ stagedId: z.string(), chunkBytes: z.number().int().positive() }),
  ),
  /** Chunks in order (index 0, 1, …), each at most UPLOAD_CHUNK_BYTES once decoded. */
  'attachments.chunk': route(
    z
      .object({
        stagedId: StagedIdSchema,
        index: z.number().int().nonnegative(),
        data: Base64ChunkSchema,
      })
      .strict(),
    z.object({ received: z.number().int().nonnegative() }),
  ),
  /** Checks the file by its content and its kind's limit; a refused file is dropped. */
  'attachments.finish': route(
    z.object({ stagedId: StagedIdSchema }).strict(),
    StagedAttachmentSchema,
  ),
  /** "Remove attachment" before sending. */
  'attachments.discard': route(
    z.object({ stagedId: StagedIdSchema }).strict(),
    z.object({ discarded: z.boolean() }),
  ),
  /** A stored attachment's bytes from `offset`, at most UPLOAD_CHUNK_BYTES per call, base64. */
  'attachments.read': route(
    z
      .object({
        id: AttachmentIdSchema,
        offset: z.number().int().nonnegative().max(MAX_ATTACHMENT_BYTES).default(0),
      })
      .strict(),
    z.object({
      data: z.string(),
      offset: z.number().int().nonnegative(),
      size: z.number().int().nonnegative(),
      /** Where the next chunk starts; null after the last one. */
      nextOffset: z.number().int().nonnegative().nullable(),
    }),
  ),
  /** A stored PDF's text, as a model that cannot read PDFs is given it. */
  'attachments.pdfText': route(
    z.object({ id: AttachmentIdSchema }).strict(),
    z.object({ text: z.string() }),
  ),
} as const
