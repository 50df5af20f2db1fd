import { z } from 'zod'
import type { FrameId, RequestFrame } from '../../shared/hostSocket'

/** The host's reading of a page → host frame (the protocol itself is in shared/hostSocket.ts). */
export const RequestFrameSchema = z.object({
  id: z.union([z.string().min(1).max(100), z.number().int().nonnegative()]),
  route: z.string().max(200),
  input: z.unknown(),
}) satisfies z.ZodType<RequestFrame>

const IdOnlySchema = z.object({ id: RequestFrameSchema.shape.id })

export type ParsedFrame =
  { ok: true; frame: RequestFrame } | { ok: false; id: FrameId | null; message: string }

/** Reads one text frame; never throws. A bad frame still gets its id back when it had one. */
export function parseFrame(text: string): ParsedFrame {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { ok: false, id: null, message: 'Malformed frame: not JSON.' }
  }
  const parsed = RequestFrameSchema.safeParse(value)
  if (parsed.success) return { ok: true, frame: parsed.data }
  const id = IdOnlySchema.safeParse(value)
  return {
    ok: false,
    id: id.success ? id.data.id : null,
    message: 'Malformed frame: expected {"id", "route", "input"}.',
  }
}
