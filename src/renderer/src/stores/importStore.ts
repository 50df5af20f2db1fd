import { create } from 'zustand'
import type { ErrorCode } from '../../../shared/errors'
import type { ImportReport } from '../../../shared/routes'
import { getBridge, request } from '../bridge/bridgeClient'
import { entryBytes, packTextBatches, smallText } from '../components/transfer/fileTransport'
import { sendUpload } from '../components/transfer/sendUpload'
import { publish } from './storeEvents'
import { reportError, useUiStore } from './uiStore'

export interface ImportFile {
  name: string
  content: string
}

/** What the progress bar shows while a file is uploaded and then imported. */
export interface ImportProgressState {
  file: string
  phase: 'uploading' | 'importing'
  done: number
  total: number
  sessionsImported: number
}

interface ImportState {
  busy: boolean
  progress: ImportProgressState | null
  lastReport: ImportReport | null
  /** Picked or dropped files: small text files in one request, the rest uploaded in chunks. */
  importFiles(files: File[]): Promise<ImportReport | null>
  /** Stops the upload or import in progress; sessions already imported stay. */
  cancel(): Promise<void>
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/** A reason as the end of a sentence: main's error messages often end with their own stop. */
function sentenceEnd(reason: string): string {
  return /[.!?]$/.test(reason) ? reason : `${reason}.`
}

/** One sentence for the status region, naming what was skipped or failed and why. */
export function describeReport(report: ImportReport): string {
  const parts = [`Imported ${plural(report.imported.length, 'session')}.`]
  if (report.cancelled) parts.push('The import was cancelled.')
  for (const s of report.skipped) parts.push(`Skipped ${s.file}: ${sentenceEnd(s.reason)}`)
  for (const f of report.failed) parts.push(`Could not import ${f.file}: ${sentenceEnd(f.reason)}`)
  return parts.join(' ')
}

/** The imported sessions' titles for the result notice: the first few, then how many more. */
export function importedNames(report: ImportReport, max = 8): string[] {
  const titles = report.imported.map((s) => s.title || s.file)
  if (titles.length <= max) return titles
  return [...titles.slice(0, max - 1), `and ${titles.length - (max - 1)} more`]
}

/** The status line after Export all, from the button or the File menu. */
export function describeExport(sessionCount: number, fileName: string): string {
  return `Exported ${plural(sessionCount, 'session')} to ${fileName}.`
}

function merge(into: ImportReport, from: ImportReport): void {
  into.imported.push(...from.imported)
  into.skipped.push(...from.skipped)
  into.failed.push(...from.failed)
  if (from.cancelled) into.cancelled = true
}

const CORE_STOPPED_DURING_IMPORT =
  'The app’s core stopped during the import. Check the session list for what was imported before trying again.'

let current: { uploadId: string | null; cancelled: boolean } | null = null

/** Sends one file in chunks, starts its import and waits for import.done. */
async function uploadOne(
  file: File,
  onProgress: (p: ImportProgressState) => void,
): Promise<ImportReport> {
  const failed = (code: ErrorCode, reason: string): ImportReport => ({
    imported: [],
    skipped: [],
    failed: [{ file: file.name, code, reason }],
  })
  const run = current
  const sent = await sendUpload(file, {
    onBegun: (uploadId) => {
      if (run) run.uploadId = uploadId
    },
    onProgress: (done) =>
      onProgress({
        file: file.name,
        phase: 'uploading',
        done,
        total: file.size,
        sessionsImported: 0,
      }),
    cancelled: () => run?.cancelled === true,
  })
  if (sent.kind === 'cancelled') return { imported: [], skipped: [], failed: [], cancelled: true }
  if (sent.kind === 'failed') return failed(sent.error.code, sent.error.message)
  const { uploadId } = sent
  const bridge = getBridge()
  const finished = new Promise<ImportReport>((resolve) => {
    const end = (report: ImportReport) => {
      offs.forEach((off) => off())
      resolve(report)
    }
    // A stopped core never sends import.done: the wait ends with the reason instead.
    const coreGone = (code: ErrorCode) => () => end(failed(code, CORE_STOPPED_DURING_IMPORT))
    const offDone = bridge.on('import.done', (event) => {
      if (event.uploadId === uploadId) end(event.report)
    })
    const offProgress = bridge.on('import.progress', (event) => {
      if (event.uploadId !== uploadId) return
      onProgress({
        file: file.name,
        phase: 'importing',
        done: event.bytesRead,
        total: event.total,
        sessionsImported: event.sessionsImported,
      })
    })
    const offs = [
      offDone,
      offProgress,
      bridge.on('core.restarted', coreGone('CORE_RESTARTED')),
      bridge.on('core.stopped', coreGone('CORE_UNAVAILABLE')),
    ]
  })
  const committed = await request('import.commit', { uploadId })
  if (!committed.ok) {
    // Cancelled while the commit was on its way: main dropped the upload, as the user asked.
    if (run?.cancelled) return { imported: [], skipped: [], failed: [], cancelled: true }
    return failed(committed.error.code, committed.error.message)
  }
  return finished
}

export const useImportStore = create<ImportState>()((set) => ({
  busy: false,
  progress: null,
  lastReport: null,
  async importFiles(files) {
    if (files.length === 0) return null
    set({ busy: true })
    current = { uploadId: null, cancelled: false }
    useUiStore.getState().setStatus(`Importing ${plural(files.length, 'file')}…`)
    const report: ImportReport = { imported: [], skipped: [], failed: [] }
    const small: Array<{ file: File; entry: ImportFile }> = []
    const large: File[] = []
    for (const file of files) {
      const text = await smallText(file)
      if (text === null) large.push(file)
      else small.push({ file, entry: { name: file.name, content: text } })
    }
    // Each request must fit one browser-host frame; a file that cannot goes up as bytes.
    const { batches, alone } = packTextBatches(small, (s) => entryBytes(s.entry))
    large.unshift(...alone.map((s) => s.file))
    let refused = false
    for (const batch of batches) {
      const result = await request('import.files', { files: batch.map((s) => s.entry) })
      if (result.ok) merge(report, result.data)
      else {
        refused = true
        reportError(result.error)
      }
    }
    for (const file of large) {
      if (current.cancelled) break
      merge(report, await uploadOne(file, (progress) => set({ progress })))
    }
    current = null
    set({ busy: false, progress: null })
    if (refused && large.length === 0) {
      useUiStore.getState().setStatus('')
      return null
    }
    set({ lastReport: report })
    useUiStore.getState().showNotice(describeReport(report), importedNames(report))
    if (report.imported.length > 0) {
      await publish('sessions.imported', { count: report.imported.length })
    }
    return report
  },
  async cancel() {
    if (!current) return
    current.cancelled = true
    if (current.uploadId) await request('import.cancel', { uploadId: current.uploadId })
  },
}))
