/** Files at most this big that are valid UTF-8 go as text in one request (import.files). */
export const SMALL_TEXT_BYTES = 1024 * 1024

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

function toBase64(bytes: Uint8Array): string {
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
