import type { Writable } from 'node:stream'
import { finished } from 'node:stream/promises'
import yazl from 'yazl'
import type { Message, Session } from '../../../../shared/domain'
import type { AttachmentReader } from './exportAttachments'
import { zipAttachments } from './exportAttachments'
import type { ExportAuthor } from './exportJson'
import { exportJson } from './exportJson'
import { exportMarkdown } from './exportMarkdown'
import { exportFileName } from './fileNames'

export interface SessionZipInput {
  session: Session
  /** Every version for JSON, the current path for Markdown (as the plain exports take them). */
  messages: Message[]
  format: 'json' | 'markdown'
  author?: ExportAuthor | null
  folderName?: string | null
}

export interface SessionZipResult {
  /** Files written into the zip. */
  attachments: number
  /** Ids whose bytes could not be read: their references stay, without a file. */
  missingAttachments: string[]
}

/**
 * One session as a zip: its export (`<title>.json` or `<title>.md`) and the files its messages
 * carry under `attachments/<id>-<name>`, which the JSON references (`file`) and the Markdown
 * links. Importing the zip brings the files back (importZipFiles.ts).
 */
export async function writeSessionZip(
  input: SessionZipInput,
  reader: AttachmentReader,
  output: Writable,
): Promise<SessionZipResult> {
  const zip = new yazl.ZipFile()
  zip.outputStream.pipe(output)
  const done = finished(output)
  const mtime = new Date(input.session.updatedAt)
  try {
    const { files, missing } = await zipAttachments(zip, input.messages, reader, mtime)
    const { session, messages, author, folderName } = input
    const [text, extension] =
      input.format === 'json'
        ? [exportJson(session, messages, author, folderName, files), 'json' as const]
        : [exportMarkdown(session, messages, author, files), 'md' as const]
    zip.addBuffer(Buffer.from(text, 'utf8'), exportFileName(session.title, session.id, extension), {
      mtime,
    })
    zip.end()
    await done
    return { attachments: files.size, missingAttachments: missing }
  } catch (error) {
    output.destroy()
    await done.catch(() => undefined)
    throw error
  }
}
