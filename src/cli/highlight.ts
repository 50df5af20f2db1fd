import { SNIPPET_CLOSE, SNIPPET_OPEN } from '../shared/domain'

export type HighlightStyle = 'ansi' | 'brackets'

const BOLD = '\u001b[1m'
const NORMAL = '\u001b[22m'

/** Bold on a terminal; [brackets] when piped or when NO_COLOR is set (https://no-color.org). */
export function highlightStyle(
  isTTY: boolean,
  env: Record<string, string | undefined>,
): HighlightStyle {
  return isTTY && !env.NO_COLOR ? 'ansi' : 'brackets'
}

export function renderSnippet(snippet: string, style: HighlightStyle): string {
  const [open, close] = style === 'ansi' ? [BOLD, NORMAL] : ['[', ']']
  // Snippets may span lines; one hit stays one line of output.
  const flat = snippet.replace(/\s+/g, ' ')
  return flat.split(SNIPPET_OPEN).join(open).split(SNIPPET_CLOSE).join(close)
}

/** Plain snippet text plus [start, end) ranges of the matches, for JSON output. */
export function snippetRanges(snippet: string): {
  text: string
  highlights: Array<[number, number]>
} {
  let text = ''
  const highlights: Array<[number, number]> = []
  let start = -1
  for (const ch of snippet) {
    if (ch === SNIPPET_OPEN) start = text.length
    else if (ch === SNIPPET_CLOSE && start >= 0) {
      highlights.push([start, text.length])
      start = -1
    } else if (ch !== SNIPPET_CLOSE) text += ch
  }
  return { text, highlights }
}
