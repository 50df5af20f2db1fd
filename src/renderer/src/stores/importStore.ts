import { create } from 'zustand'
import type { ImportReport } from '../../../shared/routes'
import { request } from '../bridge/bridgeClient'
import { useSessionsStore } from './sessionsStore'
import { reportError, useUiStore } from './uiStore'

export interface ImportFile {
  name: string
  content: string
}

interface ImportState {
  busy: boolean
  lastReport: ImportReport | null
  importFiles(files: ImportFile[]): Promise<ImportReport | null>
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/** One sentence for the status region, naming what was skipped or failed and why. */
export function describeReport(report: ImportReport): string {
  const parts = [`Imported ${plural(report.imported.length, 'session')}.`]
  for (const s of report.skipped) parts.push(`Skipped ${s.file}: ${s.reason}.`)
  for (const f of report.failed) parts.push(`Could not import ${f.file}: ${f.reason}.`)
  return parts.join(' ')
}

export const useImportStore = create<ImportState>()((set) => ({
  busy: false,
  lastReport: null,
  async importFiles(files) {
    if (files.length === 0) return null
    set({ busy: true })
    useUiStore.getState().setStatus(`Importing ${plural(files.length, 'file')}…`)
    const result = await request('import.files', { files })
    set({ busy: false })
    if (!result.ok) {
      useUiStore.getState().setStatus('')
      reportError(result.error)
      return null
    }
    set({ lastReport: result.data })
    useUiStore.getState().setStatus(describeReport(result.data))
    if (result.data.imported.length > 0) await useSessionsStore.getState().load()
    return result.data
  },
}))
