import { SNIPPET_CLOSE, SNIPPET_OPEN } from '../../../shared/snippet'

/** Splits a search snippet at the private-use markers; matches become <mark>, never HTML. */
export function snippetParts(snippet: string): Array<{ text: string; match: boolean }> {
  const parts: Array<{ text: string; match: boolean }> = []
  for (const [i, chunk] of snippet.split(SNIPPET_OPEN).entries()) {
    if (i === 0) {
      if (chunk) parts.push({ text: chunk, match: false })
      continue
    }
    const close = chunk.indexOf(SNIPPET_CLOSE)
    const matched = close < 0 ? chunk : chunk.slice(0, close)
    const rest = close < 0 ? '' : chunk.slice(close + SNIPPET_CLOSE.length)
    if (matched) parts.push({ text: matched, match: true })
    if (rest) parts.push({ text: rest.split(SNIPPET_CLOSE).join(''), match: false })
  }
  return parts
}

export function Snippet({ text }: { text: string }) {
  return (
    <span className="snippet">
      {snippetParts(text).map((part, i) =>
        part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
      )}
    </span>
  )
}
