import { MAX_ATTACHMENTS_PER_MESSAGE } from '../../../shared/attachments'
import type { ErrorInfo } from '../../../shared/errors'
import { formatBytes } from '../../../shared/formatBytes'

const KIND_NAMES: Record<string, string> = { image: 'an image', pdf: 'a PDF', text: 'a text file' }

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined)

/**
 * The line shown under the composer when a file cannot be attached, built from the error's data
 * so it names the file and the limit it broke; main's own message otherwise.
 */
export function attachmentErrorText(
  error: Pick<ErrorInfo, 'code' | 'message' | 'data'>,
  fileName: string,
): string {
  const data = error.data ?? {}
  const name = str(data['name']) ?? fileName
  switch (error.code) {
    case 'ATTACHMENT_TOO_LARGE': {
      const size = num(data['size'])
      const limit = num(data['limit'])
      if (size === undefined || limit === undefined) return error.message
      const kind = str(data['kind'])
      const what = kind ? (KIND_NAMES[kind] ?? 'a file') : 'a file'
      return `${name} is too large to attach (${formatBytes(size)}; ${what} can be at most ${formatBytes(limit)}).`
    }
    case 'ATTACHMENT_TYPE_UNSUPPORTED':
      return `${name} cannot be attached: only images (PNG, JPEG, WebP, GIF), PDFs and text files can.`
    case 'TOO_MANY_ATTACHMENTS':
      return tooManyText(name, num(data['limit']) ?? MAX_ATTACHMENTS_PER_MESSAGE)
    default:
      return `${name} could not be attached: ${error.message}`
  }
}

export function tooManyText(name: string, limit = MAX_ATTACHMENTS_PER_MESSAGE): string {
  return `${name} was not attached: a message can carry at most ${limit} files.`
}
