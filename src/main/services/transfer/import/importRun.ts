import { isMirrorError } from '../../../../shared/errors'
import type { ImportReport } from '../../../../shared/routes'
import type { SessionImport, SessionImportResult, Storage } from '../../../storage/storage'
import { importSessionsOf } from '../../../storage/storage'
import type { IdGenerator } from '../../ids'
import { createIdGenerator } from '../../ids'
import { folderIdNamed } from './importFiling'
import { freeMessageIds } from './importMessageIds'
import type { ParsedSession } from './importShared'
import type { ImportedFileStore, ZipFiles } from './importFiles'
import { resolveFiles } from './importFiles'
import type { ImportLimits } from '../limits'
import type { ListWorkerOptions } from './formats/chatgpt/chatgptListParser'
import { DEFAULT_LIMITS } from '../limits'

export interface ImportProgressInfo {
  bytesRead: number
  total: number
  sessionsImported: number
}

export interface ImportOptions {
  signal?: AbortSignal
  onProgress?(progress: ImportProgressInfo): void
  limits?: Partial<ImportLimits>
  /** After each batch write: how long it took (for the benchmark's longest-lock figure). */
  onWrite?(write: { ms: number; sessions: number; messages: number }): void
  /** The ChatGPT list worker's script, and a call each time one starts (for tests). */
  parseWorker?: Pick<ListWorkerOptions, 'script' | 'onStart'>
}

const PROGRESS_INTERVAL_MS = 100
/**
 * Sessions are written in batches of up to this many sessions, `limits.importBatchMessages`
 * messages or this much text, whichever comes first, one transaction each: far fewer commits,
 * while the write lock other processes wait for is held for a short, bounded time, and memory
 * holds one batch, however large the file.
 */
const IMPORT_BATCH_SESSIONS = 200
const IMPORT_BATCH_CHARS = 1_000_000

/**
 * A copy that shares no memory with the parsed input. V8 keeps substrings as slices of their
 * parent, so a title kept in the report would otherwise hold the whole 64 KB chunk of the
 * streamed file it was parsed from: thousands of conversations would keep the file in memory.
 */
function detach(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8')
}
const VAULT_CODES = new Set(['VAULT_LOCKED', 'VAULT_NOT_INITIALIZED'])
const IMPORT_CODES = new Set([
  'IMPORT_INVALID',
  'IMPORT_UNSUPPORTED_FORMAT',
  'IMPORT_WORKER_FAILED',
  'NOT_FOUND',
])

/**
 * One import call: the report, the session ids seen so far (duplicates within a file and across
 * the files of one call are reported, not written twice), progress and cancellation. Sessions
 * are written in batches (`flush`), each session all-or-nothing, so a cancelled or failing
 * import leaves only whole sessions behind and never touches what was stored before.
 */
export class ImportRun {
  readonly report: ImportReport = { imported: [], skipped: [], failed: [] }
  readonly limits: ImportLimits
  private readonly seen = new Map<string, string>()
  private bytesRead = 0
  private total = 0
  private lastProgress = 0
  private pending: Array<{
    file: string
    title: string
    item: SessionImport
    /** Attachment bytes stored for it, held until it is written or refused. */
    fileIds: string[]
  }> = []
  private pendingMessages = 0
  private pendingChars = 0
  /** The zip whose entries are being imported: its files can be attachments (importZip.ts). */
  zip: ZipFiles | null = null

  constructor(
    private readonly storage: Storage,
    private readonly options: ImportOptions = {},
    private readonly ids: Pick<IdGenerator, 'messageId' | 'folderId'> = createIdGenerator(),
    private readonly files: ImportedFileStore | null = null,
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits }
  }

  get signal(): AbortSignal | undefined {
    return this.options.signal
  }

  get parseWorker(): ImportOptions['parseWorker'] {
    return this.options.parseWorker
  }

  get cancelled(): boolean {
    return this.options.signal?.aborted ?? false
  }

  /** Session ids imported or skipped in this run (for index.json cross-checks). */
  hasSeen(sessionId: string): boolean {
    return this.seen.has(sessionId)
  }

  async store(file: string, given: ParsedSession): Promise<void> {
    const id = detach(given.session.id)
    // Bytes only for a session that will be written (not a duplicate, not stored already).
    const withFiles =
      given.files !== undefined &&
      given.files.size > 0 &&
      !this.seen.has(id) &&
      !(await this.storage.hasSession(id))
    const fileIds: string[] = []
    const parsed = withFiles ? await this.withFiles(file, given, fileIds) : given
    await this.storeParsed(file, parsed, fileIds)
  }

  private withFiles(
    source: string,
    parsed: ParsedSession,
    fileIds: string[],
  ): Promise<ParsedSession> {
    return resolveFiles(
      {
        source,
        stored: (id) => fileIds.push(id),
        store: this.files,
        zip: this.zip,
        fail: (file, error) => this.fail(file, error),
        skip: (file, sessionId, reason) => this.skip(file, sessionId, reason),
      },
      parsed,
    )
  }

  private async storeParsed(file: string, parsed: ParsedSession, fileIds: string[]): Promise<void> {
    const id = detach(parsed.session.id)
    const first = this.seen.get(id)
    if (first !== undefined) {
      const reason =
        first === file
          ? `session id ${id} appears more than once in this file; the first one was kept`
          : `session id ${id} was already imported from ${first}`
      this.report.skipped.push({ file, sessionId: id, reason: detach(reason) })
      return
    }
    this.seen.set(id, file)
    if (await this.storage.hasSession(id)) {
      // Stored by another process since the files were read: they go again, unless used.
      if (fileIds.length > 0) await this.files?.releaseImported(fileIds, false)
      this.report.skipped.push({
        file,
        sessionId: id,
        reason: 'a session with this id is already stored',
      })
      return
    }
    const folderId = parsed.folderName
      ? await folderIdNamed(this.storage, parsed.folderName, () => this.ids.folderId())
      : null
    this.pending.push({
      file,
      title: detach(parsed.session.title),
      item: { session: { ...parsed.session, folderId }, messages: parsed.messages },
      fileIds,
    })
    this.pendingMessages += parsed.messages.length
    for (const m of parsed.messages) this.pendingChars += m.content.length
    if (
      this.pendingMessages >= this.limits.importBatchMessages ||
      this.pending.length >= IMPORT_BATCH_SESSIONS ||
      this.pendingChars >= IMPORT_BATCH_CHARS
    ) {
      await this.flush()
    }
  }

  /**
   * Writes the sessions read so far in one batch (see IMPORT_BATCH_SESSIONS). Each session is
   * still all-or-nothing: one the store refuses is reported and the others are kept.
   */
  async flush(): Promise<void> {
    const batch = this.pending
    if (batch.length === 0) return
    this.pending = []
    this.pendingMessages = 0
    this.pendingChars = 0
    const started = performance.now()
    const results = await importSessionsOf(
      this.storage,
      batch.map((p) => p.item),
    )
    this.options.onWrite?.({
      ms: performance.now() - started,
      sessions: batch.length,
      messages: batch.reduce((n, p) => n + p.item.messages.length, 0),
    })
    for (const [i, { file, item, title, fileIds }] of batch.entries()) {
      const error = await this.retryWithFreeIds(item, results[i] ?? null)
      if (fileIds.length > 0) await this.files?.releaseImported(fileIds, !error)
      if (!error) {
        this.report.imported.push({ file, sessionId: item.session.id, title })
      } else if (error.code === 'VALIDATION_FAILED') {
        // Storage refuses ids stored in the meantime (another process) or a malformed session.
        this.report.failed.push({ file, code: 'IMPORT_INVALID', reason: detach(error.message) })
      } else if (VAULT_CODES.has(error.code)) {
        // Sensitive messages need the vault: this session fails, the others go on.
        this.report.failed.push({ file, code: error.code, reason: detach(error.message) })
      } else {
        throw error
      }
    }
    this.progress()
  }

  /**
   * Message ids are checked only when the store refused a session (VALIDATION_FAILED): asking
   * for every message before every write would cost more than the write. When some of its ids
   * were taken (by a stored session, or one written earlier in the same batch), the session is
   * written again with fresh ones (see freeMessageIds).
   */
  private async retryWithFreeIds(
    item: SessionImport,
    error: SessionImportResult,
  ): Promise<SessionImportResult> {
    if (error?.code !== 'VALIDATION_FAILED') return error
    const free = await freeMessageIds(this.storage, item, () => this.ids.messageId())
    if (free.messages.every((m, i) => m.id === item.messages[i]!.id)) return error
    const session = { ...free.session, folderId: item.session.folderId }
    const [again] = await importSessionsOf(this.storage, [{ session, messages: free.messages }])
    return again ?? null
  }

  skip(file: string, sessionId: string, reason: string): void {
    this.report.skipped.push({ file, sessionId: detach(sessionId), reason: detach(reason) })
  }

  /** Records an import problem (or a locked vault); anything else (storage down, a bug) is thrown on. */
  fail(file: string, error: unknown): void {
    if (isMirrorError(error) && (IMPORT_CODES.has(error.code) || VAULT_CODES.has(error.code))) {
      this.report.failed.push({ file, code: error.code, reason: detach(error.message) })
      return
    }
    throw error
  }

  addTotal(bytes: number): void {
    this.total += bytes
  }

  addBytes(bytes: number): void {
    this.bytesRead += bytes
    this.progress()
  }

  /** Throttled; `force` sends one now (start and end). */
  progress(force = false): void {
    const now = Date.now()
    if (!force && now - this.lastProgress < PROGRESS_INTERVAL_MS) return
    this.lastProgress = now
    this.options.onProgress?.({
      bytesRead: Math.min(this.bytesRead, this.total),
      total: this.total,
      sessionsImported: this.report.imported.length,
    })
  }

  /** Writes what is still pending, then the report. */
  async finish(): Promise<ImportReport> {
    await this.flush()
    if (this.cancelled) this.report.cancelled = true
    this.progress(true)
    return this.report
  }
}
