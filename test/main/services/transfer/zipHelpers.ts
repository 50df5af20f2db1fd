import yazl from 'yazl'

export interface ZipEntry {
  name: string
  content: Buffer | string
  /** Store without compression. */
  store?: boolean
}

/** A zip built in memory with yazl; yazl refuses unsafe names, so those are patched in after. */
export async function zipBuffer(entries: ZipEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile()
  for (const e of entries) {
    const data = typeof e.content === 'string' ? Buffer.from(e.content, 'utf8') : e.content
    zip.addBuffer(data, e.name, { compress: !e.store, mtime: new Date('2025-01-01T00:00:00Z') })
  }
  zip.end()
  const chunks: Buffer[] = []
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk)
  return Buffer.concat(chunks)
}

/**
 * Renames entries in place (same byte length) in both the local headers and the central
 * directory: how a hostile zip with `../evil` names is made, since yazl will not write one.
 */
export function renameEntries(zip: Buffer, from: string, to: string): Buffer {
  if (Buffer.byteLength(from) !== Buffer.byteLength(to)) throw new Error('same length only')
  const out = Buffer.from(zip)
  const needle = Buffer.from(from)
  const replacement = Buffer.from(to)
  let at = out.indexOf(needle)
  while (at >= 0) {
    replacement.copy(out, at)
    at = out.indexOf(needle, at + needle.length)
  }
  return out
}
