import {
  FRAME_ENVELOPE_BYTES,
  IMPORT_FILES_PER_REQUEST,
  MAX_FRAME_BYTES,
  SMALL_TEXT_BYTES,
} from '../../../../shared/hostSocket'

export { SMALL_TEXT_BYTES }

/** FileReader rather than Blob.arrayBuffer(): the same in every browser and in jsdom. */
export function readBytes(blob: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer))
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'))
    reader.readAsArrayBuffer(blob)
  })
}

/**
 * The text of a small UTF-8 file, or null when it must be uploaded as bytes (large, binary or a
 * zip). This only picks the transport; main decides the format from the content either way.
 */
export async function smallText(file: File): Promise<string | null> {
  if (file.size > SMALL_TEXT_BYTES) return null
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(await readBytes(file))
    // NUL never occurs in the text formats; such a file travels as bytes, untouched.
    return text.includes('\u0000') ? null : text
  } catch {
    return null
  }
}

export function toBase64(bytes: Uint8Array): string {
  let binary = ''
  // In pieces: String.fromCharCode with a million arguments overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary)
}

/** The file's bytes, base64, `chunkBytes` at a time, read lazily (the file is never whole). */
export async function* base64Chunks(file: Blob, chunkBytes: number): AsyncGenerator<string> {
  for (let start = 0; start < file.size; start += chunkBytes) {
    yield toBase64(await readBytes(file.slice(start, start + chunkBytes)))
  }
}

/**
 * The file's text when a request carrying it as one JSON string field fits one browser-host
 * frame; null (without reading a file that is too big anyway) when it must be uploaded instead.
 */
export async function textForOneRequest(file: Blob): Promise<string | null> {
  const budget = MAX_FRAME_BYTES - FRAME_ENVELOPE_BYTES
  if (file.size > budget) return null
  const text = await file.text()
  return new TextEncoder().encode(JSON.stringify(text)).length <= budget ? text : null
}

/** UTF-8 bytes of one import.files entry once serialized (quotes and escapes included). */
export function entryBytes(entry: { name: string; content: string }): number {
  return new TextEncoder().encode(JSON.stringify(entry)).length + 1
}

/**
 * Splits text files into import.files requests that each fit one WebSocket frame and the
 * route's file count. A file too big to fit a frame even alone (heavy JSON escaping) goes to
 * `alone`: it is uploaded as bytes instead.
 */
export function packTextBatches<T>(
  items: readonly T[],
  bytesOf: (item: T) => number,
  budget = MAX_FRAME_BYTES - FRAME_ENVELOPE_BYTES,
): { batches: T[][]; alone: T[] } {
  const batches: T[][] = []
  const alone: T[] = []
  let batch: T[] = []
  let used = 0
  for (const item of items) {
    const size = bytesOf(item)
    if (size > budget) {
      alone.push(item)
      continue
    }
    if (batch.length === IMPORT_FILES_PER_REQUEST || used + size > budget) {
      batches.push(batch)
      batch = []
      used = 0
    }
    batch.push(item)
    used += size
  }
  if (batch.length > 0) batches.push(batch)
  return { batches, alone }
}
