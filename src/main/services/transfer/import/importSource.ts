import { createReadStream } from 'node:fs'
import type { Readable } from 'node:stream'
import { Readable as ReadableStream } from 'node:stream'

/** Something to import: a file, a zip entry or text sent by the renderer. Read as a stream. */
export interface ImportSource {
  /** What reports call it: the file name or path given, `archive.zip/inner.json` for entries. */
  label: string
  size: number
  open(): Promise<Readable>
  /** Only files on disk can be zips (a zip inside a zip is not opened). */
  path?: string
}

export function fileSource(label: string, path: string, size: number): ImportSource {
  return { label, size, path, open: async () => createReadStream(path) }
}

export function textSource(label: string, content: string): ImportSource {
  const bytes = Buffer.from(content, 'utf8')
  return { label, size: bytes.length, open: async () => ReadableStream.from([bytes]) }
}

/** The first `max` bytes (fewer if the source is shorter). */
export async function readHead(source: ImportSource, max: number): Promise<Buffer> {
  const stream = await source.open()
  const chunks: Buffer[] = []
  let length = 0
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk)
      length += chunk.length
      if (length >= max) break
    }
  } finally {
    stream.destroy()
  }
  return Buffer.concat(chunks).subarray(0, max)
}

/** The whole source; callers check `size` against the in-memory limit first. */
export async function readAll(
  source: ImportSource,
  onBytes?: (n: number) => void,
): Promise<Buffer> {
  const stream = await source.open()
  const chunks: Buffer[] = []
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    chunks.push(chunk)
    onBytes?.(chunk.length)
  }
  return Buffer.concat(chunks)
}
