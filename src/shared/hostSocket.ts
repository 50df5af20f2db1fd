import type { Result } from './result'

/**
 * The browser host's wire protocol: path, frames, limits and close codes, shared by the host
 * (src/main/host) and the renderer's bridge so both sides agree. JSON text frames:
 *   page → host  { id, route, input }
 *   host → page  { id, result }        result is the same envelope Electron IPC returns
 *   host → page  { event, payload }    an event (see events.ts for who receives which)
 * Plain values only: the renderer imports this file without pulling zod into its bundle (the
 * host parses request frames with zod in src/main/host/wsProtocol.ts).
 */

/** The socket's path on the host; the page opens ws://<host>/ws?token=… */
export const WS_PATH = '/ws'

export type FrameId = string | number

export interface RequestFrame {
  id: FrameId
  route: string
  input: unknown
}

export interface ResponseFrame {
  /** null when the host could not read the request's id. */
  id: FrameId | null
  result: Result<unknown>
}

export interface EventFrame {
  event: string
  payload: unknown
}

const MiB = 1024 * 1024

/** Largest decoded chunk of a chunked upload (import.chunk). */
export const UPLOAD_CHUNK_BYTES = MiB

/** Files at most this big that are valid UTF-8 travel as text in import.files, not in chunks. */
export const SMALL_TEXT_BYTES = MiB

/** Most files in one import.files request (the route's schema refuses more). */
export const IMPORT_FILES_PER_REQUEST = 100

/** Characters of the base64 text for `bytes` bytes. */
export function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4
}

/** JSON.stringify writes a control character as `\u00XX`: 6 bytes for one byte of text. */
const JSON_ESCAPE_WORST = 6

/** Room for everything around the payload: id, route, keys, an upload id, a file name. */
export const FRAME_ENVELOPE_BYTES = 4 * 1024

/**
 * Largest request frame (UTF-8 bytes) the host reads. The biggest requests the app makes are an
 * import.chunk (one base64 chunk) and an import.files batch holding one small text file at
 * worst-case JSON escaping; the renderer packs import.files batches to stay under this. Larger
 * frames are refused from their header, before their body is read (6 MiB + 4 KiB).
 */
export const MAX_FRAME_BYTES =
  Math.max(base64Length(UPLOAD_CHUNK_BYTES), SMALL_TEXT_BYTES * JSON_ESCAPE_WORST) +
  FRAME_ENVELOPE_BYTES

/** The page closed its socket (dispose). */
export const CLOSE_NORMAL = 1000
/** The host is shutting down; the page reconnects with backoff. */
export const CLOSE_GOING_AWAY = 1001
/** The token was missing or wrong: reconnecting will not help until the page gets a new link. */
export const CLOSE_BAD_TOKEN = 4401
/** The caller is not allowed (kept apart from a bad token for the page's message). */
export const CLOSE_FORBIDDEN = 4403
/** RFC 6455 "Message Too Big": a frame over MAX_FRAME_BYTES; the host closes the socket. */
export const CLOSE_FRAME_TOO_LARGE = 1009

/** True when a frame's UTF-8 form is at most MAX_FRAME_BYTES (encoded only when its length cannot tell). */
export function fitsInFrame(text: string): boolean {
  // One UTF-16 unit is 1 to 3 UTF-8 bytes (a surrogate pair, 2 units, is 4).
  if (text.length > MAX_FRAME_BYTES) return false
  if (text.length * 3 <= MAX_FRAME_BYTES) return true
  return new TextEncoder().encode(text).length <= MAX_FRAME_BYTES
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false
  const ok = (value as { ok?: unknown }).ok
  if (ok === true) return 'data' in value
  if (ok !== false) return false
  const error = (value as { error?: unknown }).error
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  )
}

/**
 * Reads one host → page frame; never throws. Anything else is null. Only the envelope's shape is
 * checked here; events are checked against their schemas by the bridge in development and tests.
 */
export function readHostFrame(raw: unknown): ResponseFrame | EventFrame | null {
  if (typeof raw !== 'string') return null
  let message: unknown
  try {
    message = JSON.parse(raw)
  } catch {
    return null
  }
  if (typeof message !== 'object' || message === null) return null
  const { id, result, event, payload } = message as Record<string, unknown>
  if ((typeof id === 'number' || typeof id === 'string' || id === null) && isResult(result)) {
    return { id, result }
  }
  if (typeof event === 'string') return { event, payload }
  return null
}
