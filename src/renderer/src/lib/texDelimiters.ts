/**
 * Rewrites the TeX delimiters of a run of prose (no fenced or indented code in it) to `$$…$$`,
 * the only math syntax the parser is given. Code spans and existing `$$…$$` are copied as they
 * are. A single `$` is math only under Pandoc's rule: the opening `$` has a non-space right after
 * it, the closing one a non-space right before it and no digit right after, both in the same
 * paragraph. So "it costs $5 and $10" stays prose while "$x^2$" is math.
 */
export function convertTexDelimiters(text: string): string {
  let out = ''
  let i = 0
  while (i < text.length) {
    const c = text[i]
    if (c === '`') {
      const end = codeSpanEnd(text, i)
      out += text.slice(i, end)
      i = end
    } else if (c === '\\') {
      const next = text[i + 1]
      const close = next === '(' ? '\\)' : next === '[' ? '\\]' : null
      const end = close ? findInParagraph(text, close, i + 2) : -1
      const tex = end >= 0 ? text.slice(i + 2, end) : ''
      if (tex.trim() && !tex.includes('$$')) {
        out += `$$${tex}$$`
        i = end + 2
      } else {
        // Any other escape is copied whole, so `\$` stays a literal dollar.
        out += text.slice(i, i + 2)
        i += 2
      }
    } else if (c === '$' && text[i + 1] === '$') {
      const end = findInParagraph(text, '$$', i + 2)
      const stop = end >= 0 ? end + 2 : i + 2
      out += text.slice(i, stop)
      i = stop
    } else if (c === '$') {
      const end = singleDollarEnd(text, i)
      if (end >= 0) {
        out += `$$${text.slice(i + 1, end)}$$`
        i = end + 1
      } else {
        out += '$'
        i += 1
      }
    } else {
      out += c
      i += 1
    }
  }
  return out
}

/** Index just past a code span starting at `start`, or past its unmatched backticks. */
function codeSpanEnd(text: string, start: number): number {
  let size = 0
  while (text[start + size] === '`') size++
  const ticks = '`'.repeat(size)
  let at = text.indexOf(ticks, start + size)
  while (at >= 0) {
    let run = 0
    while (text[at + run] === '`') run++
    if (run === size) return at + size
    at = text.indexOf(ticks, at + run)
  }
  return start + size
}

/** Where `needle` next occurs before a blank line (a paragraph's end), or -1. */
function findInParagraph(text: string, needle: string, from: number): number {
  const at = text.indexOf(needle, from)
  if (at < 0) return -1
  return /\n[ \t]*\n/.test(text.slice(from, at)) ? -1 : at
}

function singleDollarEnd(text: string, start: number): number {
  const first = text[start + 1]
  if (first === undefined || /\s/.test(first)) return -1
  let at = start + 1
  while (at < text.length) {
    const ch = text[at]
    if (ch === '\\') {
      at += 2
      continue
    }
    if (ch === '\n' && /^\n[ \t]*\n/.test(text.slice(at))) return -1
    if (ch === '$') break
    at++
  }
  if (at >= text.length) return -1
  const before = text[at - 1] ?? ' '
  const after = text[at + 1] ?? ''
  if (/\s/.test(before) || /\d/.test(after) || after === '$') return -1
  return at
}
