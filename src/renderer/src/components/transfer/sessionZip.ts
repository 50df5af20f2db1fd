import type { SessionZipArchive } from '../../../../shared/routes'
import { request } from '../../bridge/bridgeClient'
import { downloadBlob } from '../../lib/saveFile'
import { reportError, useUiStore } from '../../stores/uiStore'
import { base64ToBlob } from './download'

/** What the notice says about a session zip: its name, and what it left out and why. */
export function describeSessionZip(zip: SessionZipArchive): string {
  const parts = [`Exported ${zip.fileName}.`]
  const sensitive = zip.sensitiveMessages
  if (sensitive === 1) parts.push('1 sensitive message is a placeholder, without its files.')
  if (sensitive > 1)
    parts.push(`${sensitive} sensitive messages are placeholders, without their files.`)
  const missing = zip.missingAttachments.length
  if (missing > 0) {
    parts.push(
      `${missing === 1 ? '1 attachment' : `${missing} attachments`} could not be read and ` +
        `${missing === 1 ? 'is' : 'are'} left out.`,
    )
  }
  return parts.join(' ')
}

/**
 * A session and its attachments as a zip, downloaded ("Export as zip (with attachments)" and
 * "Export as Markdown zip"). Sensitive messages are placeholders, as in the CLI's default.
 */
export async function downloadSessionZip(
  id: string,
  format: 'json' | 'markdown',
): Promise<boolean> {
  const result = await request('sessions.exportZip', { id, format })
  if (!result.ok) {
    reportError(result.error)
    return false
  }
  downloadBlob(base64ToBlob(result.data.base64, result.data.mimeType), result.data.fileName)
  useUiStore.getState().showNotice(describeSessionZip(result.data))
  return true
}
