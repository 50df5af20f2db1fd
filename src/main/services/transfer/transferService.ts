import type { Message } from '../../../shared/domain'
import { isMirrorError, MirrorError } from '../../../shared/errors'
import type { ExportFile, ImportReport } from '../../../shared/routes'
import type { Storage } from '../../storage/storage'
import type { ImportFile, TransferApi } from '../contracts'
import { exportJson } from './exportJson'
import { exportMarkdown } from './exportMarkdown'
import { exportFileName } from './fileNames'
import { parseImportFile } from './importDetect'

const PAGE = 500

export interface TransferServiceDeps {
  storage: Storage
}

/** Export to native JSON / Markdown; import native, JS SDK and Python SDK session files. */
export class TransferService implements TransferApi {
  private readonly storage: Storage

  constructor({ storage }: TransferServiceDeps) {
    this.storage = storage
  }

  async exportSession(id: string, format: 'json' | 'markdown'): Promise<ExportFile> {
    if (format !== 'json' && format !== 'markdown') {
      throw new MirrorError('VALIDATION_FAILED', 'The export format must be json or markdown.')
    }
    const session = await this.storage.getSession(id)
    const messages = await this.allMessages(id)
    if (format === 'json') {
      return {
        fileName: exportFileName(session.title, session.id, 'json'),
        mimeType: 'application/json',
        content: exportJson(session, messages),
      }
    }
    return {
      fileName: exportFileName(session.title, session.id, 'md'),
      mimeType: 'text/markdown',
      content: exportMarkdown(session, messages),
    }
  }

  private async allMessages(id: string): Promise<Message[]> {
    const pages: Message[][] = []
    let before: string | null = null
    for (;;) {
      const page = await this.storage.listMessages(id, { limit: PAGE, before })
      pages.unshift(page.items)
      const first = page.items[0]
      if (!page.hasOlder || !first) break
      before = first.id
    }
    return pages.flat()
  }

  /**
   * Each file is parsed completely before anything is written, and stored in one
   * `importSession` step, so a bad file changes nothing. A session id that is already stored is
   * skipped, which makes importing the same file twice harmless. Storage failures (corrupt or
   * unavailable store) are not per-file problems and abort the import.
   */
  async importFiles(files: ImportFile[]): Promise<ImportReport> {
    const report: ImportReport = { imported: [], skipped: [], failed: [] }
    for (const file of files) {
      try {
        const { parsed } = parseImportFile(file.content)
        const { session, messages } = parsed
        if (await this.storage.hasSession(session.id)) {
          report.skipped.push({
            file: file.name,
            sessionId: session.id,
            reason: 'a session with this id is already stored',
          })
          continue
        }
        await this.storage.importSession(session, messages)
        report.imported.push({ file: file.name, sessionId: session.id, title: session.title })
      } catch (error) {
        if (!isMirrorError(error)) throw error
        const code = importFailureCode(error)
        if (!code) throw error
        report.failed.push({ file: file.name, code, reason: error.message })
      }
    }
    return report
  }
}

function importFailureCode(error: MirrorError): string | null {
  if (error.code === 'IMPORT_INVALID' || error.code === 'IMPORT_UNSUPPORTED_FORMAT')
    return error.code
  // Storage refuses ids that clash with stored ones (e.g. a message id used by another session).
  if (error.code === 'VALIDATION_FAILED') return 'IMPORT_INVALID'
  return null
}
