import type { Writable } from 'node:stream'
import { PassThrough } from 'node:stream'
import { MirrorError } from '../../../../shared/errors'
import type { SessionZipArchive } from '../../../../shared/routes'
import { formatBytes } from '../limits'
import type { AttachmentReader } from './exportAttachments'
import { attachmentsOf } from './exportAttachments'
import type { SessionZipInput } from './exportSessionZip'
import { writeSessionZip } from './exportSessionZip'
import { sessionZipFileName } from './fileNames'

/**
 * A session's zip in memory, for the app (base64). Over `maxBytes` (judged first from the
 * attachments' stored sizes, before any byte is read, then from the zip itself) EXPORT_TOO_LARGE.
 */
export async function sessionZipArchive(
  input: SessionZipInput,
  reader: AttachmentReader,
  maxBytes: number,
): Promise<Omit<SessionZipArchive, 'sensitiveMessages'>> {
  const { session, format } = input
  const cli = `amos export ${session.id} --format ${format === 'json' ? 'zip' : 'markdown-zip'} --out FILE.zip`
  const fileBytes = attachmentsOf(input.messages).reduce((sum, ref) => sum + ref.size, 0)
  if (fileBytes > maxBytes) throw tooLarge(fileBytes, maxBytes, cli)
  const { result, bytes } = await collectBounded(maxBytes, cli, (out) =>
    writeSessionZip(input, reader, out),
  )
  return {
    fileName: sessionZipFileName(session.title, session.id, format),
    mimeType: 'application/zip',
    base64: bytes.toString('base64'),
    sessionCount: 1,
    attachments: result.attachments,
    missingAttachments: result.missingAttachments,
  }
}

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
