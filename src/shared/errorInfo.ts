import { z } from 'zod'
import { ERROR_CODES } from './errors'

export const ErrorCodeSchema = z.enum(ERROR_CODES)

/**
 * The one error envelope: what a route's `{ ok: false }` result, an event and a stored message
 * carry. Routes, events and storage all use this schema (or StoredErrorSchema to read it back).
 */
export const ErrorInfoSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  data: z.record(z.string(), z.unknown()).optional(),
})
export type ErrorInfo = z.output<typeof ErrorInfoSchema>

/**
 * The error kept with a failed reply (message metadata). Data written by another version may
 * hold a code this one does not know: it reads as INTERNAL so the message stays readable.
 */
export const StoredErrorSchema = z.object({
  code: ErrorCodeSchema.catch('INTERNAL'),
  message: z.string(),
})
export type StoredError = z.output<typeof StoredErrorSchema>
