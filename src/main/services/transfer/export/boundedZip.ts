import type { Writable } from 'node:stream'
import { PassThrough } from 'node:stream'
import { MirrorError } from '../../../../shared/errors'
import { formatBytes } from '../limits'

/**
 * Collects what `write` streams into memory, up to `maxBytes`. Past the limit the rest is
 * counted and dropped (the writer finishes normally, nothing is held), then EXPORT_TOO_LARGE
 * says how big it was and where such a file can be written instead.
 */
export async function collectBounded<T>(
  maxBytes: number,
  /** The command that writes the same file (named in the error). */
  cliCommand: string,
  write: (out: Writable) => Promise<T>,
): Promise<{ result: T; bytes: Buffer }> {
  const sink = new PassThrough()
  const chunks: Buffer[] = []
  let size = 0
  sink.on('data', (chunk: Buffer) => {
    size += chunk.length
    if (size <= maxBytes) chunks.push(chunk)
  })
  const result = await write(sink)
  if (size > maxBytes) throw tooLarge(size, maxBytes, cliCommand)
  return { result, bytes: Buffer.concat(chunks) }
}

export function tooLarge(size: number, maxBytes: number, cliCommand: string): MirrorError {
  return new MirrorError(
    'EXPORT_TOO_LARGE',
    `This export is ${formatBytes(size)}, more than the app hands over at once (${formatBytes(maxBytes)}). ` +
      `Export it with the command line: ${cliCommand}`,
    { size, limit: maxBytes },
  )
}
