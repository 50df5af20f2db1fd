import { z } from 'zod'
import type { Result } from '../../shared/result'

/**
 * Browser-host wire protocol (JSON text frames):
 *   client → host  { id, route, input }
 *   host → client  { id, result }        result is the same envelope Electron IPC returns
 *   host → client  { event, payload }    only on the socket whose request caused it
 */
export const RequestFrameSchema = z.object({
  id: z.union([z.string().min(1).max(100), z.number().int().nonnegative()]),
  route: z.string().max(200),
  input: z.unknown(),
})
export type RequestFrame = z.infer<typeof RequestFrameSchema>

export type FrameId = RequestFrame['id']

export interface ResponseFrame {
  id: FrameId | null
  result: Result<unknown>
}

export interface EventFrame {
  event: string
  payload: unknown
}

export { CLOSE_BAD_TOKEN, CLOSE_FRAME_TOO_LARGE, MAX_FRAME_BYTES } from '../../shared/hostSocket'

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
