import type { MirrorBridge } from '../../../shared/bridge'
import { describeExport, describeReport, importedNames, useImportStore } from './importStore'
import { publish } from './storeEvents'
import { reportError, useUiStore } from './uiStore'

/**
 * Reports what File ▸ Import… and File ▸ Export all… did (desktop: the main process runs them,
 * since a menu click is no user gesture a page could open a file picker with), the same way the
 * Import and Export all buttons report. Returns the unsubscribe function.
 */
export function connectMenuTransfers(bridge: Pick<MirrorBridge, 'on'>): () => void {
  return bridge.on('menu.transfer', (event) => {
    if (event.kind === 'import') {
      useImportStore.setState({ lastReport: event.report })
      useUiStore.getState().showNotice(describeReport(event.report), importedNames(event.report))
      if (event.report.imported.length > 0) {
        void publish('sessions.imported', { count: event.report.imported.length })
      }
    } else if (event.kind === 'exportAll') {
      useUiStore.getState().showNotice(describeExport(event.sessionCount, event.fileName))
    } else {
      reportError(event.error)
    }
  })
}
