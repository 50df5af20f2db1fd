import type { AttachmentRef, StagedAttachment } from '../../shared/attachments'
import { MAX_ATTACHMENTS_PER_MESSAGE } from '../../shared/attachments'
import { MirrorError } from '../../shared/errors'
import { UPLOAD_CHUNK_BYTES } from '../../shared/hostSocket'
import type { AttachmentSealer, BlobStore } from './blobStore'
import { isSealedId } from '../../shared/attachments'
import type { Staging } from './staging'
import { refuseOversize } from './staging'

/** How long bytes of a deleted message are kept: as long as its delete can be undone. */
export const DELETED_KEEP_MS = 10 * 60 * 1000

export interface AttachmentServiceDeps {
  blobs: BlobStore
  staging: Staging
  /** Which of the ids a stored message still refers to (referencedAttachmentsOf). */
  references(ids: readonly string[]): Promise<Set<string>>
  /** The vault's sealer; VAULT_LOCKED / VAULT_NOT_INITIALIZED when it cannot seal. */
  sealer(): Promise<AttachmentSealer>
  /** How long a deleted message's bytes wait for an Undo (default DELETED_KEEP_MS). */
  deletedKeepMs?: number
  /** True while the history is encrypted at rest: then every file is sealed, not only sensitive ones. */
  sealAll?(): boolean
}

/** Stored files for one message, until the message itself is stored (`settle`). */
export interface Committed {
  refs: AttachmentRef[]
  /** The message is stored (kept: true) or was not (false: the bytes may go again). */
  settle(kept: boolean): Promise<void>
}

/**
 * Attachments from "Attach" to disk and back (docs/attachments.md): staged files are checked,
 * then written once per content when their message is sent (sealed when it is sensitive), read
 * for the model and for "Save attachment", and removed once no message refers to them.
 */
export class AttachmentService {
  /** Ids written for a message not stored yet: a clean-up must not take them meanwhile. */
  private readonly pins = new Map<string, number>()
  private readonly pending = new Map<string, NodeJS.Timeout>()

  constructor(private readonly deps: AttachmentServiceDeps) {}

  begin(name: string, size: number): { stagedId: string; chunkBytes: number } {
    return this.deps.staging.begin(name, size)
  }

  /** Refuses a file too large for any kind before it is read (the CLI checks its size first). */
  checkSize(name: string, size: number): void {
    refuseOversize(name, size)
  }

  chunk(stagedId: string, index: number, base64: string): { received: number } {
    return this.deps.staging.chunk(stagedId, index, Buffer.from(base64, 'base64'))
  }

  finish(stagedId: string): StagedAttachment {
    return this.deps.staging.finish(stagedId)
  }

  stage(name: string, bytes: Uint8Array): StagedAttachment {
    return this.deps.staging.stage(name, bytes)
  }

  discard(stagedId: string): boolean {
    return this.deps.staging.discard(stagedId)
  }

  /** Refuses more than MAX_ATTACHMENTS_PER_MESSAGE, and unknown staged ids, before any write. */
  check(stagedIds: readonly string[]): void {
    if (stagedIds.length > MAX_ATTACHMENTS_PER_MESSAGE) {
      throw new MirrorError(
        'TOO_MANY_ATTACHMENTS',
        `A message can carry at most ${MAX_ATTACHMENTS_PER_MESSAGE} files (${stagedIds.length} were attached).`,
        { count: stagedIds.length, limit: MAX_ATTACHMENTS_PER_MESSAGE },
      )
    }
    this.deps.staging.ready(stagedIds)
  }

  /** The staged files' kinds, for the send checks (vision) before anything is written. */
  staged(stagedIds: readonly string[]): StagedAttachment[] {
    return this.deps.staging.ready(stagedIds).map(({ bytes: _bytes, ...staged }) => staged)
  }

  /** Writes the staged files' bytes (sealed for a sensitive message) and returns their refs. */
  async commit(stagedIds: readonly string[], sensitive: boolean): Promise<Committed> {
    this.check(stagedIds)
    const files = this.deps.staging.ready(stagedIds)
    const seal = sensitive || this.deps.sealAll?.() === true
    const sealer = seal && files.length > 0 ? await this.deps.sealer() : null
    const refs: AttachmentRef[] = []
    try {
      for (const file of files) {
        const id = sealer
          ? await this.deps.blobs.putSealed(file.bytes, sealer)
          : await this.deps.blobs.putPlain(file.bytes)
        this.pin(id)
        refs.push({ id, name: file.name, mimeType: file.mimeType, size: file.size })
      }
    } catch (error) {
      await this.release(refs, false)
      throw error
    }
    return {
      refs,
      settle: async (kept) => {
        if (kept) for (const id of stagedIds) this.deps.staging.discard(id)
        await this.release(refs, kept)
      },
    }
  }

  /**
   * Stores bytes an import brings (a zip export's files, a ChatGPT export's images): sealed for
   * a sensitive message or while the history is encrypted, as a sent file would be. The id,
   * held until `releaseImported`.
   */
  async importBytes(bytes: Uint8Array, sensitive: boolean): Promise<string> {
    const id =
      sensitive || this.deps.sealAll?.() === true
        ? await this.deps.blobs.putSealed(bytes, await this.deps.sealer())
        : await this.deps.blobs.putPlain(bytes)
    // Like a send's files: no clean-up takes them before their session is written.
    this.pin(id)
    return id
  }

  /** Ends what `importBytes` began: the session was stored (kept) or not (the bytes may go). */
  releaseImported(ids: readonly string[], kept: boolean): Promise<void> {
    return this.release(
      ids.map((id) => ({ id })),
      kept,
    )
  }

  has(id: string): Promise<boolean> {
    return this.deps.blobs.has(id)
  }

  /** The bytes of a stored attachment (a sealed one needs the vault unlocked). */
  read(id: string): Promise<Buffer> {
    if (!isSealedId(id)) return this.deps.blobs.read(id)
    return this.deps.sealer().then((sealer) => this.deps.blobs.read(id, () => sealer))
  }

  /** One chunk of a stored attachment, base64 (attachments.read). */
  async readChunk(
    id: string,
    offset: number,
  ): Promise<{ data: string; offset: number; size: number; nextOffset: number | null }> {
    const bytes = await this.read(id)
    const start = Math.min(offset, bytes.length)
    const end = Math.min(start + UPLOAD_CHUNK_BYTES, bytes.length)
    return {
      data: bytes.subarray(start, end).toString('base64'),
      offset: start,
      size: bytes.length,
      nextOffset: end < bytes.length ? end : null,
    }
  }

  /** A stored PDF's text (what a model without PDF support is given). */
  async pdfText(id: string): Promise<{ text: string }> {
    const bytes = await this.read(id)
    const { sniffAttachment } = await import('./sniff')
    if (sniffAttachment(id, bytes).kind !== 'pdf') {
      throw new MirrorError('VALIDATION_FAILED', 'This attachment is not a PDF.', { id })
    }
    const { extractPdfText } = await import('./pdfText')
    return { text: await extractPdfText(bytes) }
  }

  /** Removes the bytes of `ids` that no stored message refers to (and no send is writing). */
  async sweep(ids: readonly string[]): Promise<void> {
    const candidates = [...new Set(ids)].filter((id) => !this.pins.has(id))
    if (candidates.length === 0) return
    const referenced = await this.deps.references(candidates)
    await this.deps.blobs.remove(candidates.filter((id) => !referenced.has(id)))
  }

  /** A sweep once an Undo of the delete is no longer possible (or at close, whichever first). */
  sweepLater(ids: readonly string[]): void {
    for (const id of new Set(ids)) {
      clearTimeout(this.pending.get(id))
      const timer = setTimeout(() => {
        this.pending.delete(id)
        void this.sweep([id]).catch(() => undefined)
      }, this.deps.deletedKeepMs ?? DELETED_KEEP_MS)
      timer.unref()
      this.pending.set(id, timer)
    }
  }

  /** Runs the waiting sweeps now: Undo ends when the core stops. */
  async close(): Promise<void> {
    const ids = [...this.pending.keys()]
    for (const timer of this.pending.values()) clearTimeout(timer)
    this.pending.clear()
    await this.sweep(ids).catch(() => undefined)
  }

  private pin(id: string): void {
    this.pins.set(id, (this.pins.get(id) ?? 0) + 1)
  }

  private async release(
    refs: ReadonlyArray<Pick<AttachmentRef, 'id'>>,
    kept: boolean,
  ): Promise<void> {
    for (const { id } of refs) {
      const count = (this.pins.get(id) ?? 1) - 1
      if (count > 0) this.pins.set(id, count)
      else this.pins.delete(id)
    }
    if (!kept) await this.sweep(refs.map((r) => r.id)).catch(() => undefined)
  }
}
