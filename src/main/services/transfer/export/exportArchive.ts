import type { Writable } from 'node:stream'
import { finished } from 'node:stream/promises'
import yazl from 'yazl'
import type { Storage } from '../../../storage/storage'
import type { AttachmentReader, ExportedFile } from './exportAttachments'
import { zipAttachments } from './exportAttachments'
import { exportJson } from './exportJson'
import type { ExportAuthor } from './exportJson'
import { messagesForExport } from './exportSensitive'
import { SAFE_SESSION_ID } from '../import/importShared'
import { allVersions } from './sessionMessages'

const PAGE = 200

/**
 * Every session (archived too) as one zip laid out like an ActiveMirrorOS JS SDK store:
 * `index.json` + `<id>.json` in native JSON (a superset of the SDK session file). Unpacked, the
 * SDK loads it; imported, it gives back the same sessions. With a `reader`, the messages' files
 * go in `attachments/` once each (the SDK ignores the folder). Returns the session count.
 */
export async function writeAllSessionsZip(
  storage: Storage,
  output: Writable,
  author?: ExportAuthor | null,
  reader?: AttachmentReader,
): Promise<number> {
  const zip = new yazl.ZipFile()
  zip.outputStream.pipe(output)
  const done = finished(output)
  const ids: string[] = []
  const files = new Map<string, ExportedFile>()
  const folderNames = new Map((await storage.listFolders()).map((f) => [f.id, f.name]))
  let cursor: string | null = null
  do {
    const page = await storage.listSessions({ archived: 'all', limit: PAGE, cursor })
    for (const session of page.items) {
      // Ids become entry names; ones that are not plain file names cannot be SDK files.
      if (!SAFE_SESSION_ID.test(session.id)) continue
      // Like a single export by default: sensitive texts stay in the vault.
      const { messages } = messagesForExport(await allVersions(storage, session.id), false)
      const folder = session.folderId ? folderNames.get(session.folderId) : null
      const mtime = new Date(session.updatedAt)
      if (reader) await zipAttachments(zip, messages, reader, mtime, files)
      const json = exportJson(session, messages, author, folder, files)
      zip.addBuffer(Buffer.from(json, 'utf8'), `${session.id}.json`, {
        mtime,
      })
      ids.push(session.id)
    }
    cursor = page.nextCursor
  } while (cursor)
  const index = { sessions: ids, updatedAt: new Date().toISOString() }
  zip.addBuffer(Buffer.from(`${JSON.stringify(index, null, 2)}\n`, 'utf8'), 'index.json')
  zip.end()
  await done
  return ids.length
}
