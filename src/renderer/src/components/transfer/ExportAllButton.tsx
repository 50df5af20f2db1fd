import { useState } from 'react'
import { request } from '../../bridge/bridgeClient'
import { describeExport } from '../../stores/importStore'
import { reportError, useUiStore } from '../../stores/uiStore'
import { downloadBlob } from '../../lib/saveFile'
import { base64ToBlob } from './download'

/** Every session as one zip (an ActiveMirrorOS SDK store folder), downloaded. */
export function ExportAllButton() {
  const [busy, setBusy] = useState(false)
  return (
    <button
      type="button"
      className="button-quiet"
      disabled={busy}
      onClick={async () => {
        setBusy(true)
        const result = await request('sessions.exportAll', {})
        setBusy(false)
        if (!result.ok) return reportError(result.error)
        const { base64, mimeType, fileName, sessionCount } = result.data
        downloadBlob(base64ToBlob(base64, mimeType), fileName)
        useUiStore.getState().showNotice(describeExport(sessionCount, fileName))
      }}
    >
      Export all
    </button>
  )
}
