import { createWriteStream } from 'node:fs'
import { mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Writable } from 'node:stream'
import { PassThrough } from 'node:stream'
import type { Session } from '../../../shared/domain'
import { MirrorError } from '../../../shared/errors'
import type {
  ExportArchive,
  ExportFile,
  ImportReport,
  SessionZipArchive,
} from '../../../shared/routes'
import { SESSION_ZIP_MAX_BYTES } from '../../../shared/routes'
import type { Storage } from '../../storage/storage'
import type { ExportOptions, ImportFile, SessionZipExport, TransferApi } from '../contracts'
import type { IdGenerator } from '../ids'
import { createIdGenerator } from '../ids'
import { writeAllSessionsZip } from './export/exportArchive'
import type { AttachmentReader } from './export/exportAttachments'
import { sessionZipArchive } from './export/sessionZipArchive'
import type { SessionZipInput } from './export/exportSessionZip'
import { writeSessionZip } from './export/exportSessionZip'
import type { ImportedFileStore } from './import/importFiles'
import { exportJson } from './export/exportJson'
import type { ExportAuthor } from './export/exportJson'
import { exportMarkdown } from './export/exportMarkdown'
import { messagesForExport } from './export/exportSensitive'
import { exportAllFileName, exportFileName } from './export/fileNames'
import { importSources } from './import/importBatch'
import { importFolder } from './import/importFolder'
import type { ImportOptions } from './import/importRun'
import { ImportRun } from './import/importRun'
import { fileSource, textSource } from './import/importSource'
import { importZip } from './import/importZip'
import type { ImportLimits } from './limits'
import { DEFAULT_LIMITS } from './limits'
import { removeOldEntries } from './tempFiles'
import type { UploadListener } from './import/uploads'
import { UploadManager } from './import/uploads'
import { allVersions, currentPath } from './export/sessionMessages'

export { SENSITIVE_PLACEHOLDER } from './export/exportSensitive'

export interface TransferServiceDeps {
  storage: Storage
  /** Where uploads and drag-out files are kept while in use (the app's files dir). */
  workDir?: string
  limits?: Partial<ImportLimits>
  /** Written into exports as the author (the local identity); none when absent. */
  author?: () => ExportAuthor | null
  /** Fresh ids for imported messages whose ids are already stored (SDK-style by default). */
  ids?: Pick<IdGenerator, 'messageId' | 'folderId'>
  /** Attachment bytes for zip exports and imports (none: references only, as plain JSON). */
  attachments?: TransferAttachments
}

/** What export and import need of the attachment store (AttachmentService). */
export type TransferAttachments = AttachmentReader & ImportedFileStore

export interface ImportPathsOptions extends ImportOptions {
  cwd?: string
}

/**
 * Import (native, JS/Python SDK JSON and Markdown, ChatGPT exports, zips, SDK store folders)
 * and export (JSON, Markdown, a zip of everything). See docs/import-export.md.
 */
export class TransferService implements TransferApi {
  private readonly storage: Storage
  private readonly workDir: string
  private readonly limits: ImportLimits
  private readonly uploads: UploadManager
  private readonly author: () => ExportAuthor | null
  private readonly ids: Pick<IdGenerator, 'messageId' | 'folderId'>
  private readonly attachments: TransferAttachments | undefined

  constructor({ storage, workDir, limits, author, ids, attachments }: TransferServiceDeps) {
    this.storage = storage
    this.attachments = attachments
    this.ids = ids ?? createIdGenerator()
    this.author = author ?? (() => null)
    this.workDir = workDir ?? path.join(os.tmpdir(), 'activemirror-transfer')
    this.limits = { ...DEFAULT_LIMITS, ...limits }
    this.uploads = new UploadManager({
      dir: path.join(this.workDir, 'imports'),
      maxFileBytes: this.limits.maxFileBytes,
      importFile: (file, label, options) => this.importFile(file, label, options),
    })
  }

  /** Sensitive messages are exported as a placeholder unless `includeSensitive` (vault unlocked). */
  async exportSession(
    id: string,
    format: 'json' | 'markdown',
    options: ExportOptions = {},
  ): Promise<ExportFile> {
    if (format !== 'json' && format !== 'markdown') {
      throw new MirrorError('VALIDATION_FAILED', 'The export format must be json or markdown.')
    }
    const { session, messages, sensitiveMessages } = await this.exportedMessages(
      id,
      format,
      options,
    )
    if (format === 'json') {
      return {
        fileName: exportFileName(session.title, session.id, 'json'),
        mimeType: 'application/json',
        content: exportJson(session, messages, this.author(), await this.folderName(session)),
        sensitiveMessages,
      }
    }
    return {
      fileName: exportFileName(session.title, session.id, 'md'),
      mimeType: 'text/markdown',
      content: exportMarkdown(session, messages, this.author()),
      sensitiveMessages,
    }
  }

  // JSON keeps the whole tree; Markdown is read as a conversation: the current path.
  private async exportedMessages(id: string, format: 'json' | 'markdown', options: ExportOptions) {
    const session = await this.storage.getSession(id)
    const { messages, sensitiveMessages } = messagesForExport(
      format === 'json' ? await allVersions(this.storage, id) : await currentPath(this.storage, id),
      options.includeSensitive === true,
    )
    return { session, messages, sensitiveMessages }
  }

  /**
   * One session as a zip with its files (docs/import-export.md), written beside `file` then
   * renamed into place. Sensitive messages follow the same rule as `exportSession`.
   */
  async writeSessionZip(
    id: string,
    format: 'json' | 'markdown',
    file: string,
    options: ExportOptions = {},
  ): Promise<SessionZipExport> {
    const { input, sensitiveMessages } = await this.zipInput(id, format, options)
    const result = await this.writeAtomically(file, (out) =>
      writeSessionZip(input, this.reader(), out),
    )
    return { ...result, sessionId: input.session.id, sensitiveMessages }
  }

  /** The same zip as `writeSessionZip`, in memory for the app (export/sessionZipArchive.ts). */
  async exportSessionZip(
    id: string,
    format: 'json' | 'markdown',
    options: ExportOptions = {},
    maxBytes = SESSION_ZIP_MAX_BYTES,
  ): Promise<SessionZipArchive> {
    const { input, sensitiveMessages } = await this.zipInput(id, format, options)
    const archive = await sessionZipArchive(input, this.reader(), maxBytes)
    return { ...archive, sensitiveMessages }
  }

  private async zipInput(id: string, format: 'json' | 'markdown', options: ExportOptions) {
    const { session, messages, sensitiveMessages } = await this.exportedMessages(
      id,
      format,
      options,
    )
    const folderName = await this.folderName(session)
    const input: SessionZipInput = { session, messages, format, author: this.author(), folderName }
    return { input, sensitiveMessages }
  }

  private reader(): AttachmentReader {
    return (
      this.attachments ?? {
        read: (id) =>
          Promise.reject(new MirrorError('NOT_FOUND', `Attachment ${id} is not stored.`)),
      }
    )
  }

  private async writeAtomically<T>(file: string, write: (out: Writable) => Promise<T>): Promise<T> {
    const temp = `${file}.${process.pid}.tmp`
    try {
      const result = await write(createWriteStream(temp))
      await rename(temp, file)
      return result
    } catch (error) {
      await rm(temp, { force: true })
      if (error instanceof MirrorError) throw error
      const code = (error as NodeJS.ErrnoException).code ?? 'error'
      throw new MirrorError('EXPORT_FAILED', `Cannot write ${path.basename(file)} (${code}).`)
    }
  }

  private async folderName(session: Session): Promise<string | null> {
    if (!session.folderId) return null
    return (await this.storage.listFolders()).find((f) => f.id === session.folderId)?.name ?? null
  }

  async exportAll(): Promise<ExportArchive> {
    const sink = new PassThrough()
    const chunks: Buffer[] = []
    sink.on('data', (chunk: Buffer) => chunks.push(chunk))
    const sessionCount = await writeAllSessionsZip(
      this.storage,
      sink,
      this.author(),
      this.attachments,
    )
    return {
      fileName: exportAllFileName(new Date()),
      mimeType: 'application/zip',
      base64: Buffer.concat(chunks).toString('base64'),
      sessionCount,
    }
  }

  /** The zip of every session, written beside `file` then renamed into place. */
  async writeAllZip(file: string): Promise<number> {
    return this.writeAtomically(file, (out) =>
      writeAllSessionsZip(this.storage, out, this.author(), this.attachments),
    )
  }

  /** A session's export as a real file, for a native drag out of the window. */
  async writeDragFile(id: string, format: 'json' | 'markdown') {
    const exported = await this.exportSession(id, format)
    const root = path.join(this.workDir, 'drag')
    await mkdir(root, { recursive: true })
    await removeOldEntries(root, 60 * 60 * 1000)
    // A folder per drag keeps the file's own name without clashing with another drag.
    const dir = await mkdtemp(path.join(root, 'd-'))
    const file = path.join(dir, exported.fileName)
    await writeFile(file, exported.content, 'utf8')
    return { file, fileName: exported.fileName }
  }

  /** Text sent whole by the renderer (small files); same detection as files on disk. */
  async importFiles(files: ImportFile[]): Promise<ImportReport> {
    const run = new ImportRun(
      this.storage,
      { limits: this.limits },
      this.ids,
      this.attachments ?? null,
    )
    await importSources(
      run,
      files.map((f) => textSource(f.name, f.content)),
      importZip,
    )
    return run.finish()
  }

  /** One file on disk (an upload's temporary file, a CLI argument), streamed. */
  async importFile(
    file: string,
    label: string,
    options: ImportOptions = {},
  ): Promise<ImportReport> {
    const run = new ImportRun(
      this.storage,
      { limits: this.limits, ...options },
      this.ids,
      this.attachments ?? null,
    )
    const { size } = await stat(file)
    await importSources(run, [fileSource(label, file, size)], importZip)
    return run.finish()
  }

  /** Files and folders (the CLI). Missing paths are reported as NOT_FOUND, others go on. */
  async importPaths(paths: string[], options: ImportPathsOptions = {}): Promise<ImportReport> {
    const run = new ImportRun(
      this.storage,
      { limits: this.limits, ...options },
      this.ids,
      this.attachments ?? null,
    )
    const files = []
    for (const given of paths) {
      const full = path.resolve(options.cwd ?? process.cwd(), given)
      const info = await stat(full).catch((error: NodeJS.ErrnoException) => error)
      if (info instanceof Error) {
        const reason = info.code === 'ENOENT' ? 'no such file' : `cannot read it (${info.code})`
        run.fail(
          given,
          new MirrorError(info.code === 'ENOENT' ? 'NOT_FOUND' : 'IMPORT_INVALID', reason),
        )
      } else if (info.isDirectory()) {
        try {
          await importFolder(run, full, given)
        } catch (error) {
          run.fail(given, error)
        }
      } else files.push(fileSource(given, full, info.size))
    }
    await importSources(run, files, importZip)
    return run.finish()
  }

  beginUpload(name: string, size: number) {
    return this.uploads.begin(name, size)
  }

  uploadChunk(uploadId: string, index: number, data: string) {
    return this.uploads.chunk(uploadId, index, data)
  }

  commitUpload(uploadId: string, listener: UploadListener) {
    return this.uploads.commit(uploadId, listener)
  }

  takeUploadText(uploadId: string) {
    return this.uploads.takeText(uploadId)
  }

  cancelUpload(uploadId: string) {
    return this.uploads.cancel(uploadId)
  }

  close(): Promise<void> {
    return this.uploads.close()
  }
}
