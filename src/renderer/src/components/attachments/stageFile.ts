import type { StagedAttachment } from '../../../../shared/attachments'
import type { ErrorInfo } from '../../../../shared/errors'
import { request } from '../../bridge/bridgeClient'
import { base64Chunks } from '../transfer/fileTransport'

export type Staged = { ok: true; staged: StagedAttachment } | { ok: false; error: ErrorInfo }

export interface StageOptions {
  onProgress?(received: number): void
  /** Checked before each chunk: true stops (the partly staged file is discarded). */
  cancelled?(): boolean
}

/**
 * Stages one file for the next message (attachments.begin, chunk…, finish: docs/attachments.md),
 * so its bytes cross the bridge once, 1 MiB at a time. Main checks the kind and the limits.
 */
export async function stageFile(file: File, options: StageOptions = {}): Promise<Staged> {
  const begun = await request('attachments.begin', { name: file.name || 'pasted', size: file.size })
  if (!begun.ok) return begun
  const { stagedId, chunkBytes } = begun.data
  let index = 0
  for await (const data of base64Chunks(file, chunkBytes)) {
    if (options.cancelled?.()) {
      await request('attachments.discard', { stagedId })
      return { ok: false, error: { code: 'CANCELLED', message: 'Removed.' } }
    }
    const chunk = await request('attachments.chunk', { stagedId, index, data })
    if (!chunk.ok) return chunk
    index += 1
    options.onProgress?.(chunk.data.received)
  }
  const finished = await request('attachments.finish', { stagedId })
  return finished.ok ? { ok: true, staged: finished.data } : finished
}
