import type { ErrorInfo } from '../../../../shared/errors'
import { request } from '../../bridge/bridgeClient'
import { base64Chunks } from './fileTransport'

export type UploadSent =
  { kind: 'sent'; uploadId: string } | { kind: 'cancelled' } | { kind: 'failed'; error: ErrorInfo }

export interface SendUploadOptions {
  /** Called once the host named the upload (so it can be cancelled). */
  onBegun?(uploadId: string): void
  onProgress?(sent: number): void
  /** Checked before each chunk; true stops sending. */
  cancelled?(): boolean
}

/**
 * Sends a file's bytes in order with import.begin / import.chunk, so a file of any size reaches
 * main in requests that each fit one browser-host frame. The caller then commits it as an
 * import, or hands the upload id to a route that takes one (vault.restoreUpload).
 */
export async function sendUpload(file: File, options: SendUploadOptions = {}): Promise<UploadSent> {
  const begun = await request('import.begin', { name: file.name, size: file.size })
  if (!begun.ok) return { kind: 'failed', error: begun.error }
  const { uploadId, chunkBytes } = begun.data
  options.onBegun?.(uploadId)
  let index = 0
  for await (const data of base64Chunks(file, chunkBytes)) {
    if (options.cancelled?.()) return { kind: 'cancelled' }
    const chunk = await request('import.chunk', { uploadId, index, data })
    if (!chunk.ok) return { kind: 'failed', error: chunk.error }
    index += 1
    options.onProgress?.(chunk.data.received)
  }
  return { kind: 'sent', uploadId }
}
