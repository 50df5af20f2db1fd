import { describe, expect, it } from 'vitest'
import { checkAttachmentSize, sniffAttachment } from '../../../src/main/attachments/sniff'
import { MirrorError } from '../../../src/shared/errors'
import { pdfBytes, pngBytes } from './fixtures'

const bytes = (...parts: (number[] | string)[]): Buffer =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
  )

function code(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    if (error instanceof MirrorError) return error.code
    throw error
  }
  return 'none'
}

describe('sniffAttachment: the type comes from the content', () => {
  it.each([
    ['png', pngBytes(), 'image/png'],
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'), 'image/jpeg'],
    ['gif87', bytes('GIF87a', [1, 0, 1, 0]), 'image/gif'],
    ['gif89', bytes('GIF89a', [1, 0, 1, 0]), 'image/gif'],
    ['webp', bytes('RIFF', [36, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
    ['pdf', pdfBytes('x'), 'application/pdf'],
    ['pdf after junk', bytes('garbage\n', pdfBytes('y').toString('latin1')), 'application/pdf'],
  ])('%s', (_label, content, mimeType) => {
    // A misleading name changes nothing for binary kinds.
    expect(sniffAttachment('file.txt', content).mimeType).toBe(mimeType)
  })

  it('names only choose the label among text kinds', () => {
    const text = Buffer.from('a,b\n1,2\n')
    expect(sniffAttachment('data.csv', text)).toEqual({ kind: 'text', mimeType: 'text/csv' })
    expect(sniffAttachment('notes.MD', text)).toEqual({ kind: 'text', mimeType: 'text/markdown' })
    expect(sniffAttachment('main.ts', text).mimeType).toBe('text/x-typescript')
    expect(sniffAttachment('README', text).mimeType).toBe('text/plain')
    expect(sniffAttachment('photo.png', Buffer.from('héllo ✓')).mimeType).toBe('text/plain')
  })

  it('refuses binary data, invalid UTF-8, NUL bytes and empty files', () => {
    expect(code(() => sniffAttachment('a.bin', bytes([0x50, 0x4b, 3, 4, 0])))).toBe(
      'ATTACHMENT_TYPE_UNSUPPORTED',
    )
    expect(code(() => sniffAttachment('a.txt', bytes([0x61, 0xc3, 0x28])))).toBe(
      'ATTACHMENT_TYPE_UNSUPPORTED',
    )
    expect(code(() => sniffAttachment('a.txt', Buffer.from('a\0b')))).toBe(
      'ATTACHMENT_TYPE_UNSUPPORTED',
    )
    expect(code(() => sniffAttachment('a.txt', Buffer.alloc(0)))).toBe(
      'ATTACHMENT_TYPE_UNSUPPORTED',
    )
    // A WebP needs both RIFF and WEBP: a WAV (RIFF…WAVE) is not an image.
    expect(
      code(() => sniffAttachment('a.webp', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt ', [0]))),
    ).toBe('ATTACHMENT_TYPE_UNSUPPORTED')
  })

  it('limits each kind to its own size', () => {
    const MiB = 1024 * 1024
    expect(code(() => checkAttachmentSize('a.png', 20 * MiB, 'image'))).toBe('none')
    expect(code(() => checkAttachmentSize('a.png', 20 * MiB + 1, 'image'))).toBe(
      'ATTACHMENT_TOO_LARGE',
    )
    expect(code(() => checkAttachmentSize('a.pdf', 50 * MiB, 'pdf'))).toBe('none')
    expect(code(() => checkAttachmentSize('a.txt', 2 * MiB + 1, 'text'))).toBe(
      'ATTACHMENT_TOO_LARGE',
    )
  })
})
