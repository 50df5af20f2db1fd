import type { AttachmentRef } from '../../../shared/attachments'
import { isSealedId } from '../../../shared/attachments'
import type { ErrorInfo } from '../../../shared/errors'
import type { Result } from '../../../shared/result'
import type { RouteOutput } from '../../../shared/routes'
import { request } from '../bridge/bridgeClient'
import { subscribe } from '../stores/storeEvents'

/** A stored attachment read back, or why it could not be. */
export type ReadAttachment = { ok: true; blob: Blob } | { ok: false; error: ErrorInfo }

/** Attachments read recently, newest last; big enough for a thread's thumbnails. */
const MAX_CACHED_BYTES = 64 * 1024 * 1024
const cache = new Map<string, Promise<ReadAttachment>>()
const sizes = new Map<string, number>()

function base64Bytes(data: string): Uint8Array<ArrayBuffer> {
  const binary = atob(data)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

async function readAll(ref: AttachmentRef): Promise<ReadAttachment> {
  const parts: Uint8Array<ArrayBuffer>[] = []
  let offset: number | null = 0
  // 1 MiB a time (attachments.read), so a large file never crosses the bridge as one frame.
  while (offset !== null) {
    const chunk: Result<RouteOutput<'attachments.read'>> = await request('attachments.read', {
      id: ref.id,
      offset,
    })
    if (!chunk.ok) return chunk
    parts.push(base64Bytes(chunk.data.data))
    offset = chunk.data.nextOffset
  }
  return { ok: true, blob: new Blob(parts, { type: ref.mimeType }) }
}

function evictBeyondLimit(): void {
  let total = [...sizes.values()].reduce((a, b) => a + b, 0)
  for (const id of cache.keys()) {
    if (total <= MAX_CACHED_BYTES) return
    total -= sizes.get(id) ?? 0
    cache.delete(id)
    sizes.delete(id)
  }
}

/**
 * A stored attachment's bytes as a Blob, read once and cached (thumbnails scroll in and out);
 * a failed read is not cached, so unlocking the vault or reconnecting can try again.
 */
export function readAttachment(ref: AttachmentRef): Promise<ReadAttachment> {
  const cached = cache.get(ref.id)
  if (cached) {
    // Most recently used goes last (evicted last).
    cache.delete(ref.id)
    cache.set(ref.id, cached)
    return cached
  }
  const reading = readAll(ref).then((result) => {
    if (!result.ok) {
      cache.delete(ref.id)
      sizes.delete(ref.id)
    }
    return result
  })
  cache.set(ref.id, reading)
  sizes.set(ref.id, ref.size)
  evictBeyondLimit()
  return reading
}

// Once the vault locks, a sensitive message's files are not kept readable in this window.
subscribe('vault.changed', ({ unlocked }) => {
  if (unlocked) return
  for (const id of [...cache.keys()]) {
    if (!isSealedId(id)) continue
    cache.delete(id)
    sizes.delete(id)
  }
})

/** "Save attachment": a download through an anchor and a Blob URL (no Node, in every host). */
export { downloadBlob as saveBlob } from './saveFile'
