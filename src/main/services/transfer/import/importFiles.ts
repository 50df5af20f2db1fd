import { createHash } from 'node:crypto'
import type { AttachmentRef } from '../../../../shared/attachments'
import {
  ATTACHMENT_LIMITS,
  MAX_ATTACHMENTS_PER_MESSAGE,
  isSealedId,
} from '../../../../shared/attachments'
import type { Message } from '../../../../shared/domain'
import { isMirrorError } from '../../../../shared/errors'
import { checkAttachmentSize, sniffAttachment } from '../../../attachments/sniff'
import type { ParsedSession, PendingFile } from './importShared'
import { invalidImport } from './importShared'

/** Where imported files' bytes go (AttachmentService): sealed for a sensitive message. */
export interface ImportedFileStore {
  /** Stores the bytes and holds them (no clean-up takes them) until `releaseImported`. */
  importBytes(bytes: Uint8Array, sealed: boolean): Promise<string>
  /** The session was written (kept) or refused (the bytes go unless a message refers to them). */
  releaseImported(ids: readonly string[], kept: boolean): Promise<void>
  has(id: string): Promise<boolean>
}

/** The entries of the zip being imported (zipFiles.ts). */
export interface ZipFiles {
  label: string
  /** An entry's bytes, null when the zip has no such entry; IMPORT_INVALID when over `max`. */
  read(name: string, max: number): Promise<Buffer | null>
  /** The entry holding a ChatGPT asset (`file-abc-name.png` for `file-abc`), if any. */
  findAsset(assetId: string): string | null
}

/** What resolving needs of the import run (ImportRun). */
export interface FileImportContext {
  /** The file the session came from (for reports). */
  source: string
  store: ImportedFileStore | null
  zip: ZipFiles | null
  /** A problem with one file: reported, the message is imported without it. */
  fail(file: string, error: unknown): void
  skip(file: string, sessionId: string, reason: string): void
  /** Bytes stored for this session (released once it is written or refused). */
  stored(id: string): void
}

/** An entry's bytes; a problem reading it (too large, encrypted) is reported, not thrown. */
async function readEntry(
  ctx: FileImportContext,
  zip: ZipFiles,
  name: string,
  max: number,
): Promise<Buffer | null | 'failed'> {
  try {
    return await zip.read(name, max)
  } catch (error) {
    if (!isMirrorError(error)) throw error
    ctx.fail(`${zip.label}/${name}`, error)
    return 'failed'
  }
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const LARGEST = Math.max(...Object.values(ATTACHMENT_LIMITS))

/** The part of a ChatGPT asset's entry name after its id: `file-abc-photo.png` → `photo.png`. */
function assetName(entry: string, assetId: string): string {
  const base = entry.slice(entry.lastIndexOf('/') + 1)
  const rest = base.startsWith(assetId) ? base.slice(assetId.length).replace(/^[-_]/, '') : base
  return (rest.startsWith('.') ? `${assetId}${rest}` : rest || base).slice(0, 255)
}

async function nativeFile(
  ctx: FileImportContext,
  message: Message,
  pending: Extract<PendingFile, { kind: 'native' }>,
): Promise<AttachmentRef | null> {
  const { ref, file } = pending
  const what = `attachment ${ref.name} of message ${message.id}`
  if (!ctx.store) return ref
  if (file === undefined || !ctx.zip) {
    // A plain JSON export: only references. Kept when this data dir holds the bytes.
    if (await ctx.store.has(ref.id)) return ref
    ctx.fail(
      ctx.source,
      invalidImport(
        `${what}: its file is not in this export (export as a zip to carry files); the message was imported without it`,
      ),
    )
    return null
  }
  const label = `${ctx.zip.label}/${file}`
  const bytes = await readEntry(ctx, ctx.zip, file, LARGEST)
  if (bytes === 'failed') return null
  if (bytes === null) {
    ctx.fail(
      label,
      invalidImport(
        `${what}: the file is missing from the zip; the message was imported without it`,
      ),
    )
    return null
  }
  const expected = pending.sha256 ?? (isSealedId(ref.id) ? null : ref.id)
  if (expected === null || sha256(bytes) !== expected) {
    ctx.fail(
      label,
      invalidImport(
        `${what}: the file is damaged (its SHA-256 does not match); the message was imported without it`,
      ),
    )
    return null
  }
  try {
    const id = await ctx.store.importBytes(bytes, message.sensitive)
    ctx.stored(id)
    return { ...ref, id, size: bytes.length }
  } catch (error) {
    // A sensitive message's file needs the vault to seal it; the message itself then fails too.
    if (!isMirrorError(error) || !error.code.startsWith('VAULT_')) throw error
    ctx.fail(label, error)
    return null
  }
}

async function chatGptFile(
  ctx: FileImportContext,
  message: Message,
  assetId: string,
): Promise<AttachmentRef | null> {
  const entry = ctx.zip?.findAsset(assetId)
  if (!ctx.store || !ctx.zip || !entry) return null
  const label = `${ctx.zip.label}/${entry}`
  const bytes = await readEntry(ctx, ctx.zip, entry, ATTACHMENT_LIMITS.image)
  if (bytes === null || bytes === 'failed') return null
  const name = assetName(entry, assetId)
  let mimeType: string
  try {
    const sniffed = sniffAttachment(name, bytes)
    if (sniffed.kind !== 'image') throw new Error('not an image')
    checkAttachmentSize(name, bytes.length, sniffed.kind)
    mimeType = sniffed.mimeType
  } catch (error) {
    if (!(error instanceof Error)) throw error
    const why = isMirrorError(error) ? error.message : 'it is not an image (PNG, JPEG, WebP, GIF)'
    ctx.skip(label, message.sessionId, `${why}; the message keeps "[image]" instead`)
    return null
  }
  const id = await ctx.store.importBytes(bytes, message.sensitive)
  ctx.stored(id)
  return { id, name, mimeType, size: bytes.length }
}

/**
 * The parsed session with its messages' files stored and referenced. A file that is missing,
 * damaged, too large or of the wrong kind affects only itself: it is reported, and its message
 * is imported without it (a ChatGPT image keeps its "[image]" placeholder).
 */
export async function resolveFiles(
  ctx: FileImportContext,
  parsed: ParsedSession,
): Promise<ParsedSession> {
  const pendingBy = parsed.files
  if (!pendingBy || pendingBy.size === 0) return parsed
  const messages: Message[] = []
  for (const message of parsed.messages) {
    const pending = pendingBy.get(message.id)
    if (!pending) {
      messages.push(message)
      continue
    }
    const refs: AttachmentRef[] = []
    const found = new Set<string>()
    for (const file of pending.files) {
      if (refs.length >= MAX_ATTACHMENTS_PER_MESSAGE) break
      const ref =
        file.kind === 'native'
          ? await nativeFile(ctx, message, file)
          : await chatGptFile(ctx, message, file.assetId)
      if (!ref) continue
      if (file.kind === 'chatgpt') found.add(file.assetId)
      if (!refs.some((r) => r.id === ref.id)) refs.push(ref)
    }
    const content = pending.content ? pending.content(found) : message.content
    messages.push({ ...message, content, ...(refs.length > 0 && { attachments: refs }) })
  }
  const { files: _files, ...rest } = parsed
  return { ...rest, messages }
}
