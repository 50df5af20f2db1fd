import { z } from 'zod'
import { UPLOAD_CHUNK_BYTES, base64Length } from '../hostSocket'

/** A route's zod input and output schemas. */
export function route<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output }
}

export const IdSchema = z.string().min(1).max(200)
/** A chunked upload (import.begin), named as the host named it. */
export const UploadIdSchema = z.string().regex(/^upload_[A-Za-z0-9_-]{1,100}$/, 'not an upload id')
export const TitleSchema = z.string().trim().min(1).max(200)
export const LimitSchema = z.number().int().min(1).max(500)
export const EmptyInputSchema = z.object({}).strict()

/** One chunk of a chunked upload (import.chunk, attachments.chunk): base64 of at most UPLOAD_CHUNK_BYTES. */
export const Base64ChunkSchema = z
  .string()
  .max(base64Length(UPLOAD_CHUNK_BYTES))
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64')
