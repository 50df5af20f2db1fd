import path from 'node:path'
import type { MenuTransferEvent } from '../../shared/events'
import type { TransferApi } from '../services/contracts'
import { toErrorInfo } from '../ipc/errorInfo'
import { exportAllFileName } from '../services/transfer/export/fileNames'

/**
 * File ▸ Import… and File ▸ Export all…, run by the main process: a menu click gives the page no
 * user gesture, so it could not open a file picker itself, and main owns the files anyway. The
 * native dialogs are passed in (Electron's `dialog` in the app, plain functions in tests); the
 * outcome reaches the windows as one `menu.transfer` event, which the renderer reports like its
 * own Import and Export all buttons.
 */
export interface MenuCommandDeps {
  transfer: Pick<TransferApi, 'importPaths' | 'writeAllZip'>
  /** Files or folders to import; empty when the user cancelled. */
  pickImportPaths(): Promise<string[]>
  /** Where to write the zip; null when the user cancelled. */
  pickExportFile(suggestedName: string): Promise<string | null>
  notify(event: MenuTransferEvent): void
}

export async function importFromMenu(deps: MenuCommandDeps): Promise<void> {
  try {
    const paths = await deps.pickImportPaths()
    if (paths.length === 0) return
    deps.notify({ kind: 'import', report: await deps.transfer.importPaths(paths) })
  } catch (error) {
    deps.notify({ kind: 'error', action: 'import', error: toErrorInfo(error) })
  }
}

export async function exportAllFromMenu(deps: MenuCommandDeps, now = new Date()): Promise<void> {
  try {
    const file = await deps.pickExportFile(exportAllFileName(now))
    if (file === null) return
    const sessionCount = await deps.transfer.writeAllZip(file)
    deps.notify({ kind: 'exportAll', fileName: path.basename(file), sessionCount })
  } catch (error) {
    deps.notify({ kind: 'error', action: 'exportAll', error: toErrorInfo(error) })
  }
}
