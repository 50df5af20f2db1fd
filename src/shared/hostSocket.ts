/**
 * Limits and close codes of the browser host's WebSocket, shared by the host (src/main/host) and
 * the renderer's bridge so both sides agree. Plain values only: the renderer imports this file
 * without pulling zod into its bundle.
 */

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
