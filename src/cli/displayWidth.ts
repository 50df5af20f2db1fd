import stringWidth from 'string-width'

/**
 * Terminal columns a text takes: East Asian wide and fullwidth characters and emoji take two,
 * combining marks none, and a ZWJ sequence or a flag is one emoji (string-width, per grapheme).
 */
export function displayWidth(text: string): number {
  return stringWidth(text)
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/**
 * The text cut to at most `max` columns, ending with "…" when cut. Cuts between whole
 * graphemes, so an accent stays on its letter and a family emoji is kept whole or left out.
 */
export function truncateToWidth(text: string, max: number): string {
  if (displayWidth(text) <= max) return text
  if (max < 1) return ''
  let out = ''
  let used = 0
  for (const { segment } of graphemes.segment(text)) {
    const width = displayWidth(segment)
    if (used + width > max - 1) break
    out += segment
    used += width
  }
  return `${out}…`
}

/** The text followed by spaces up to `width` columns. */
export function padEndToWidth(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)))
}
