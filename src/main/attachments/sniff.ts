import type { AttachmentKind } from '../../shared/attachments'
import { ATTACHMENT_LIMITS } from '../../shared/attachments'
import { MirrorError } from '../../shared/errors'
import { formatBytes } from '../services/transfer/limits'

export interface Sniffed {
  kind: AttachmentKind
  mimeType: string
}

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0): boolean =>
  bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b)

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0))

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const JPEG = [0xff, 0xd8, 0xff]
const GIF87 = ascii('GIF87a')
const GIF89 = ascii('GIF89a')
const RIFF = ascii('RIFF')
const WEBP = ascii('WEBP')
const PDF = ascii('%PDF-')
/** PDF readers accept the header anywhere in the first KiB (junk before it is common). */
const PDF_HEADER_WINDOW = 1024

function imageType(bytes: Uint8Array): string | null {
  if (startsWith(bytes, PNG)) return 'image/png'
  if (startsWith(bytes, JPEG)) return 'image/jpeg'
  if (startsWith(bytes, GIF87) || startsWith(bytes, GIF89)) return 'image/gif'
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return 'image/webp'
  return null
}

function isPdf(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length - PDF.length, PDF_HEADER_WINDOW)
  for (let i = 0; i <= end; i++) if (startsWith(bytes, PDF, i)) return true
  return false
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Text: valid UTF-8 with no NUL byte (binary formats nearly always hold one). */
function isText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false
  try {
    utf8.decode(bytes)
    return true
  } catch {
    return false
  }
}

/** The extension only picks the label among text kinds; it never makes a file text. */
const TEXT_TYPES: Record<string, string> = {
  md: 'text/markdown',
  markdown: 'text/markdown',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  json: 'application/json',
  html: 'text/html',
  htm: 'text/html',
  xml: 'application/xml',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  css: 'text/css',
  js: 'text/javascript',
  mjs: 'text/javascript',
  ts: 'text/x-typescript',
  tsx: 'text/x-typescript',
  py: 'text/x-python',
  rs: 'text/x-rust',
  go: 'text/x-go',
  java: 'text/x-java',
  c: 'text/x-c',
  h: 'text/x-c',
  cpp: 'text/x-c++',
  sh: 'text/x-shellscript',
  sql: 'application/sql',
}

function textType(name: string): string {
  const dot = name.lastIndexOf('.')
  const ext = dot >= 0 ? name.slice(dot + 1).toLowerCase() : ''
  return TEXT_TYPES[ext] ?? 'text/plain'
}

/** What a file is, by its bytes: an image, a PDF or text; anything else is refused. */
export function sniffAttachment(name: string, bytes: Uint8Array): Sniffed {
  const image = imageType(bytes)
  if (image) return { kind: 'image', mimeType: image }
  if (isPdf(bytes)) return { kind: 'pdf', mimeType: 'application/pdf' }
  if (bytes.length > 0 && isText(bytes)) return { kind: 'text', mimeType: textType(name) }
  throw new MirrorError(
    'ATTACHMENT_TYPE_UNSUPPORTED',
    `${name}: only images (PNG, JPEG, WebP, GIF), PDFs and text files can be attached.`,
    { name },
  )
}

/** ATTACHMENT_TOO_LARGE when `size` is over the limit for `kind`. */
export function checkAttachmentSize(name: string, size: number, kind: AttachmentKind): void {
  const limit = ATTACHMENT_LIMITS[kind]
  if (size <= limit) return
  throw new MirrorError(
    'ATTACHMENT_TOO_LARGE',
    `${name} is ${formatBytes(size)}; the largest ${kind === 'pdf' ? 'PDF' : `${kind} file`} you can attach is ${formatBytes(limit)}.`,
    { name, size, limit, kind },
  )
}
