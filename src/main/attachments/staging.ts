import { randomBytes } from 'node:crypto'
import type { StagedAttachment } from '../../shared/attachments'
import { MAX_ATTACHMENT_BYTES } from '../../shared/attachments'
import { MirrorError } from '../../shared/errors'
import { UPLOAD_CHUNK_BYTES } from '../../shared/hostSocket'
import type { Clock } from '../services/ids'
import { formatBytes } from '../services/transfer/limits'
import { checkAttachmentSize, sniffAttachment } from './sniff'

/** A staged file not sent within this time is dropped. */
export const STAGED_TTL_MS = 60 * 60 * 1000
/** Bytes held for staged files at most (they are in memory: see Staging). */
export const MAX_STAGED_BYTES = 512 * 1024 * 1024

interface Entry {
  name: string
  size: number
  chunks: Buffer[]
  received: number
  nextIndex: number
  /** Set once the last chunk arrived and the content was checked. */
  ready: (StagedAttachment & { bytes: Buffer }) | null
  expiresAt: number
}

/** ATTACHMENT_TOO_LARGE for a file larger than any kind allows (checked before reading it). */
export function refuseOversize(name: string, size: number): void {
  if (size <= MAX_ATTACHMENT_BYTES) return
  throw new MirrorError(
    'ATTACHMENT_TOO_LARGE',
    `${name} is ${formatBytes(size)}; the largest file you can attach is ${formatBytes(MAX_ATTACHMENT_BYTES)}.`,
    { name, size, limit: MAX_ATTACHMENT_BYTES },
  )
}

export type ReadyFile = StagedAttachment & { bytes: Buffer }

function missing(stagedId: string): MirrorError {
  return new MirrorError(
    'NOT_FOUND',
    'This attachment is no longer staged (it was sent, removed, or waited over an hour); attach it again.',
    { stagedId },
  )
}

/**
 * Files being attached in the composer, between "Attach" and "Send". Held in memory, never on
 * disk: whether the message will be sensitive (and the bytes must be sealed) is known only when
 * it is sent. Uploads come in chunks (`attachments.begin` / `chunk` / `finish`) so a large file
 * crosses the browser host's WebSocket once, as base64 chunks, never as one huge frame.
 */
export class Staging {
  private readonly entries = new Map<string, Entry>()

  constructor(
    private readonly clock: Clock,
    private readonly maxBytes = MAX_STAGED_BYTES,
  ) {}

  begin(name: string, size: number): { stagedId: string; chunkBytes: number } {
    this.prune()
    refuseOversize(name, size)
    if (this.heldBytes() + size > this.maxBytes) {
      throw new MirrorError(
        'STORAGE_BUSY',
        'Too many attachments are waiting to be sent; send or remove some first.',
      )
    }
    const stagedId = `staged_${randomBytes(16).toString('base64url')}`
    this.entries.set(stagedId, {
      name,
      size,
      chunks: [],
      received: 0,
      nextIndex: 0,
      ready: null,
      expiresAt: this.clock.now().getTime() + STAGED_TTL_MS,
    })
    return { stagedId, chunkBytes: UPLOAD_CHUNK_BYTES }
  }

  chunk(stagedId: string, index: number, data: Buffer): { received: number } {
    const entry = this.get(stagedId)
    if (entry.ready || index !== entry.nextIndex) {
      throw new MirrorError('VALIDATION_FAILED', `Expected chunk ${entry.nextIndex}, got ${index}.`)
    }
    if (entry.received + data.length > entry.size) {
      this.entries.delete(stagedId)
      throw new MirrorError('VALIDATION_FAILED', `${entry.name}: more bytes than announced.`)
    }
    entry.chunks.push(data)
    entry.received += data.length
    entry.nextIndex++
    return { received: entry.received }
  }

  /** Checks the whole file (type by content, size for its kind); a refused file is dropped. */
  finish(stagedId: string): StagedAttachment {
    const entry = this.get(stagedId)
    if (entry.ready) return describe(stagedId, entry.ready)
    if (entry.received !== entry.size) {
      throw new MirrorError(
        'VALIDATION_FAILED',
        `${entry.name}: ${entry.received} of ${entry.size} bytes arrived.`,
      )
    }
    const bytes = Buffer.concat(entry.chunks)
    entry.chunks = []
    try {
      const { kind, mimeType } = sniffAttachment(entry.name, bytes)
      checkAttachmentSize(entry.name, bytes.length, kind)
      entry.ready = { stagedId, name: entry.name, mimeType, size: bytes.length, kind, bytes }
    } catch (error) {
      this.entries.delete(stagedId)
      throw error
    }
    return describe(stagedId, entry.ready)
  }

  /** All in one call (the CLI and the SDK, which hold the bytes already). */
  stage(name: string, bytes: Uint8Array): StagedAttachment {
    const { stagedId } = this.begin(name, bytes.length)
    try {
      this.chunk(stagedId, 0, Buffer.from(bytes))
      return this.finish(stagedId)
    } catch (error) {
      this.entries.delete(stagedId)
      throw error
    }
  }

  /** The finished files, in order; NOT_FOUND (nothing taken) if one is missing or unfinished. */
  ready(stagedIds: readonly string[]): ReadyFile[] {
    this.prune()
    return stagedIds.map((id) => {
      const ready = this.entries.get(id)?.ready
      if (!ready) throw missing(id)
      return ready
    })
  }

  discard(stagedId: string): boolean {
    return this.entries.delete(stagedId)
  }

  private get(stagedId: string): Entry {
    this.prune()
    const entry = this.entries.get(stagedId)
    if (!entry) throw missing(stagedId)
    return entry
  }

  private heldBytes(): number {
    let total = 0
    for (const entry of this.entries.values()) total += entry.size
    return total
  }

  private prune(): void {
    const now = this.clock.now().getTime()
    for (const [id, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(id)
  }
}

function describe(stagedId: string, ready: ReadyFile): StagedAttachment {
  const { name, mimeType, size, kind } = ready
  return { stagedId, name, mimeType, size, kind }
}
