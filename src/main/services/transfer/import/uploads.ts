import { randomUUID } from 'node:crypto'
import type { FileHandle } from 'node:fs/promises'
import { mkdir, open, readdir, readFile, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { isMirrorError, MirrorError } from '../../../../shared/errors'
import type { ImportReport } from '../../../../shared/routes'
import { UPLOAD_CHUNK_BYTES } from '../../../../shared/routes'
import type { ImportOptions, ImportProgressInfo } from './importRun'
import { formatBytes } from '../limits'

export interface UploadListener {
  progress(progress: ImportProgressInfo): void
  done(report: ImportReport): void
}

export type FileImporter = (
  filePath: string,
  label: string,
  options: ImportOptions,
) => Promise<ImportReport>

export interface UploadManagerOptions {
  dir: string
  maxFileBytes: number
  importFile: FileImporter
  /** An upload with no chunk for this long is dropped with its temporary file. */
  idleMs?: number
  maxConcurrent?: number
}

interface Upload {
  id: string
  name: string
  size: number
  file: string
  handle: FileHandle | null
  received: number
  nextIndex: number
  controller: AbortController
  running: Promise<void> | null
  timer: NodeJS.Timeout | null
}

const STALE_MS = 24 * 60 * 60 * 1000

/**
 * Chunked uploads (import.begin / chunk / commit / cancel): the renderer cannot hand main a
 * file path, so both hosts send bytes in order into a temporary file in the data dir, then the
 * import streams from that file like the CLI does. The file is removed when the upload ends.
 */
export class UploadManager {
  private readonly uploads = new Map<string, Upload>()
  private readonly idleMs: number
  private readonly maxConcurrent: number

  constructor(private readonly options: UploadManagerOptions) {
    this.idleMs = options.idleMs ?? 10 * 60 * 1000
    this.maxConcurrent = options.maxConcurrent ?? 4
  }

  async begin(name: string, size: number): Promise<{ uploadId: string; chunkBytes: number }> {
    if (size === 0) throw new MirrorError('IMPORT_INVALID', `${name}: the file is empty.`)
    if (size > this.options.maxFileBytes) {
      throw new MirrorError(
        'IMPORT_INVALID',
        `${name} is ${formatBytes(size)}; the largest file ActiveMirror imports is ${formatBytes(this.options.maxFileBytes)}.`,
      )
    }
    if (this.uploads.size >= this.maxConcurrent) {
      throw new MirrorError('STORAGE_BUSY', 'Too many imports at once; wait for one to finish.')
    }
    await mkdir(this.options.dir, { recursive: true })
    await this.removeStale()
    const id = `upload_${randomUUID().replace(/-/g, '')}`
    const file = path.join(this.options.dir, `${id}.part`)
    const upload: Upload = {
      id,
      name,
      size,
      file,
      handle: await open(file, 'wx'),
      received: 0,
      nextIndex: 0,
      controller: new AbortController(),
      running: null,
      timer: null,
    }
    this.uploads.set(id, upload)
    this.touch(upload)
    return { uploadId: id, chunkBytes: UPLOAD_CHUNK_BYTES }
  }

  async chunk(uploadId: string, index: number, data: string): Promise<{ received: number }> {
    const upload = this.receiving(uploadId)
    if (index !== upload.nextIndex) {
      throw new MirrorError(
        'VALIDATION_FAILED',
        `Chunk ${index} arrived out of order; expected chunk ${upload.nextIndex}.`,
      )
    }
    const bytes = Buffer.from(data, 'base64')
    if (bytes.length > UPLOAD_CHUNK_BYTES) {
      throw new MirrorError('VALIDATION_FAILED', 'A chunk may hold at most 1 MiB.')
    }
    if (upload.received + bytes.length > upload.size) {
      await this.drop(upload)
      throw new MirrorError('VALIDATION_FAILED', `${upload.name}: more bytes than announced.`)
    }
    // Position and counters are taken before the write so a second call cannot reuse them.
    const position = upload.received
    upload.received += bytes.length
    upload.nextIndex += 1
    this.touch(upload)
    await upload.handle!.write(bytes, 0, bytes.length, position)
    return { received: upload.received }
  }

  async commit(uploadId: string, listener: UploadListener): Promise<void> {
    const upload = this.receiving(uploadId)
    if (upload.received !== upload.size) {
      throw new MirrorError(
        'VALIDATION_FAILED',
        `${upload.name}: ${upload.received} of ${upload.size} bytes arrived; send the rest first.`,
      )
    }
    await upload.handle!.close()
    upload.handle = null
    if (upload.timer) clearTimeout(upload.timer)
    upload.running = this.run(upload, listener)
  }

  /**
   * A finished upload's bytes as text, for a route that takes a file too big for one request
   * (a large vault backup in the browser); the upload and its temporary file end here.
   */
  async takeText(uploadId: string): Promise<string> {
    const upload = this.receiving(uploadId)
    if (upload.received !== upload.size) {
      throw new MirrorError(
        'VALIDATION_FAILED',
        `${upload.name}: ${upload.received} of ${upload.size} bytes arrived; send the rest first.`,
      )
    }
    try {
      return await readFile(upload.file, 'utf8')
    } finally {
      await this.drop(upload)
    }
  }

  private async run(upload: Upload, listener: UploadListener): Promise<void> {
    let report: ImportReport
    try {
      report = await this.options.importFile(upload.file, upload.name, {
        signal: upload.controller.signal,
        onProgress: (progress) => listener.progress(progress),
      })
    } catch (error) {
      const info: Pick<ImportReport['failed'][number], 'code' | 'reason'> = isMirrorError(error)
        ? { code: error.code, reason: error.message }
        : { code: 'INTERNAL', reason: 'The import failed unexpectedly.' }
      report = { imported: [], skipped: [], failed: [{ file: upload.name, ...info }] }
    }
    await rm(upload.file, { force: true })
    this.uploads.delete(upload.id)
    listener.done(report)
  }

  /** True when there was something to stop. A running import keeps what it already stored. */
  async cancel(uploadId: string): Promise<boolean> {
    const upload = this.uploads.get(uploadId)
    if (!upload) return false
    if (upload.running) {
      upload.controller.abort()
      return true
    }
    await this.drop(upload)
    return true
  }

  /** Stops everything and removes the temporary files (the mirror is closing). */
  async close(): Promise<void> {
    const all = [...this.uploads.values()]
    for (const upload of all) upload.controller.abort()
    await Promise.all(all.map((u) => (u.running ? u.running : this.drop(u))))
  }

  private receiving(uploadId: string): Upload {
    const upload = this.uploads.get(uploadId)
    if (!upload || upload.handle === null) {
      throw new MirrorError('NOT_FOUND', 'No such upload (it finished, was cancelled or expired).')
    }
    return upload
  }

  private touch(upload: Upload): void {
    if (upload.timer) clearTimeout(upload.timer)
    upload.timer = setTimeout(() => void this.drop(upload), this.idleMs)
    upload.timer.unref()
  }

  private async drop(upload: Upload): Promise<void> {
    if (upload.timer) clearTimeout(upload.timer)
    this.uploads.delete(upload.id)
    const handle = upload.handle
    upload.handle = null
    await handle?.close().catch(() => {})
    await rm(upload.file, { force: true })
  }

  // Left behind by a crash; another process's live uploads are never this old.
  private async removeStale(): Promise<void> {
    const now = Date.now()
    for (const name of await readdir(this.options.dir)) {
      if (!name.endsWith('.part')) continue
      const file = path.join(this.options.dir, name)
      const info = await stat(file).catch(() => null)
      if (info && now - info.mtimeMs > STALE_MS) await rm(file, { force: true })
    }
  }
}
