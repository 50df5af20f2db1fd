import { isMirrorError } from '../../../../shared/errors'
import type { ImportReport } from '../../../../shared/routes'
import type { Storage } from '../../../storage/storage'
import type { IdGenerator } from '../../ids'
import { createIdGenerator } from '../../ids'
import { folderIdNamed } from './importFiling'
import { freeMessageIds } from './importMessageIds'
import type { ParsedSession } from './importShared'
import type { ImportLimits } from '../limits'
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
}

const PROGRESS_INTERVAL_MS = 100

/**
 * A copy that shares no memory with the parsed input. V8 keeps substrings as slices of their
 * parent, so a title kept in the report would otherwise hold the whole 64 KB chunk of the
 * streamed file it was parsed from: thousands of conversations would keep the file in memory.
 */
function detach(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8')
}
const VAULT_CODES = new Set(['VAULT_LOCKED', 'VAULT_NOT_INITIALIZED'])
const IMPORT_CODES = new Set(['IMPORT_INVALID', 'IMPORT_UNSUPPORTED_FORMAT', 'NOT_FOUND'])

/**
 * One import call: the report, the session ids seen so far (duplicates within a file and across
 * the files of one call are reported, not written twice), progress and cancellation. Sessions
 * are written one at a time with `importSession`, so a cancelled or failing import leaves only
 * whole sessions behind and never touches what was stored before.
 */
export class ImportRun {
  readonly report: ImportReport = { imported: [], skipped: [], failed: [] }
  readonly limits: ImportLimits
  private readonly seen = new Map<string, string>()
  private bytesRead = 0
  private total = 0
  private lastProgress = 0

  constructor(
    private readonly storage: Storage,
    private readonly options: ImportOptions = {},
    private readonly ids: Pick<IdGenerator, 'messageId' | 'folderId'> = createIdGenerator(),
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits }
  }

  get signal(): AbortSignal | undefined {
    return this.options.signal
  }

  get cancelled(): boolean {
    return this.options.signal?.aborted ?? false
  }

  /** Session ids imported or skipped in this run (for index.json cross-checks). */
  hasSeen(sessionId: string): boolean {
    return this.seen.has(sessionId)
  }

  async store(file: string, parsed: ParsedSession): Promise<void> {
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
      this.report.skipped.push({
        file,
        sessionId: id,
        reason: 'a session with this id is already stored',
      })
      return
    }
    try {
      const free = await freeMessageIds(this.storage, parsed, () => this.ids.messageId())
      const folderId = parsed.folderName
        ? await folderIdNamed(this.storage, parsed.folderName, () => this.ids.folderId())
        : null
      await this.storage.importSession({ ...free.session, folderId }, free.messages)
    } catch (error) {
      // Storage refuses ids stored in the meantime (another process) or a malformed session.
      if (isMirrorError(error) && error.code === 'VALIDATION_FAILED') {
        this.report.failed.push({ file, code: 'IMPORT_INVALID', reason: detach(error.message) })
        return
      }
      // Sensitive messages need the vault: this session fails, the others go on.
      if (isMirrorError(error) && VAULT_CODES.has(error.code)) {
        this.report.failed.push({ file, code: error.code, reason: detach(error.message) })
        return
      }
      throw error
    }
    this.report.imported.push({ file, sessionId: id, title: detach(parsed.session.title) })
    this.progress()
  }

  skip(file: string, sessionId: string, reason: string): void {
    this.report.skipped.push({ file, sessionId: detach(sessionId), reason: detach(reason) })
  }

  /** Records an import problem; anything else (storage down, a bug) is thrown on. */
  fail(file: string, error: unknown): void {
    if (isMirrorError(error) && IMPORT_CODES.has(error.code)) {
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

  finish(): ImportReport {
    if (this.cancelled) this.report.cancelled = true
    this.progress(true)
    return this.report
  }
}
