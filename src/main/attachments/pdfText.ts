import type * as UnpdfExports from 'unpdf'

/** Most characters of a PDF's text given to a model (about 50k tokens). */
export const MAX_PDF_TEXT_CHARS = 200_000

type Unpdf = typeof UnpdfExports
let unpdf: Promise<Unpdf> | null = null

/**
 * The text of a PDF, pages joined (for providers that cannot read PDFs themselves). unpdf is
 * loaded on first use: it is megabytes that most turns never need.
 */
export async function extractPdfText(bytes: Uint8Array): Promise<string> {
  const { extractText, getDocumentProxy } = await (unpdf ??= import('unpdf'))
  // pdf.js takes ownership of (and detaches) the buffer it is given: hand it a copy.
  const pdf = await getDocumentProxy(new Uint8Array(bytes))
  const { text } = await extractText(pdf, { mergePages: true })
  return text.length > MAX_PDF_TEXT_CHARS ? `${text.slice(0, MAX_PDF_TEXT_CHARS)}\n[…]` : text
}
