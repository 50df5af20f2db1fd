import { z } from 'zod'

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
