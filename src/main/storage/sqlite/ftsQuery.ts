/**
 * Builds an FTS5 MATCH expression from what the user typed, never passing their syntax through:
 * each run of letters/digits becomes a quoted FTS string ("te""rm"), a `*` at the end of a
 * whitespace-separated chunk makes that chunk's words prefixes, and all terms are ANDed.
 * Operators such as AND, OR, NEAR, `^`, `-`, `:` and parentheses are thereby plain words or
 * dropped. Returns null when nothing searchable is left.
 *
 * The split mirrors src/main/storage/textSearch.ts (the memory and JSON backends), so every
 * backend reads a query the same way.
 */
const WORD = /[\p{L}\p{N}\p{M}\p{Co}]+/gu

export function quoteFtsString(text: string): string {
  return `"${text.replaceAll('"', '""')}"`
}

export function buildFtsQuery(query: string): string | null {
  const terms: string[] = []
  for (const chunk of query.split(/\s+/)) {
    const prefix = chunk.endsWith('*')
    for (const match of chunk.matchAll(WORD)) {
      terms.push(prefix ? `${quoteFtsString(match[0])}*` : quoteFtsString(match[0]))
    }
  }
  return terms.length > 0 ? terms.join(' AND ') : null
}
