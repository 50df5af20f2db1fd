/**
 * Builds an FTS5 MATCH expression from what the user typed, never passing their syntax through:
 * each run of letters/digits becomes a quoted FTS string ("te""rm"), a `*` at the end of a
 * whitespace-separated chunk makes that chunk's words prefixes, and terms are ANDed (or ORed for
 * `anyTerms` searches). Operators such as AND, OR, NEAR, `^`, `-`, `:` and parentheses are
 * thereby plain words or dropped.
 *
 * The split mirrors src/main/storage/textSearch.ts (the memory and JSON backends), so every
 * backend reads a query the same way.
 */
const WORD = /[\p{L}\p{N}\p{M}\p{Co}]+/gu

export function quoteFtsString(text: string): string {
  return `"${text.replaceAll('"', '""')}"`
}

export interface FtsTerm {
  /** The word as typed. */
  word: string
  prefix: boolean
  /** Its FTS5 form: `"word"` or `"word"*`. */
  fts: string
}

export function ftsTerms(query: string): FtsTerm[] {
  const terms: FtsTerm[] = []
  for (const chunk of query.split(/\s+/)) {
    const prefix = chunk.endsWith('*')
    for (const match of chunk.matchAll(WORD)) {
      const quoted = quoteFtsString(match[0])
      terms.push({ word: match[0], prefix, fts: prefix ? `${quoted}*` : quoted })
    }
  }
  return terms
}

/** All terms ANDed; null when nothing searchable is left. */
export function buildFtsQuery(query: string): string | null {
  const terms = ftsTerms(query)
  return terms.length > 0 ? terms.map((t) => t.fts).join(' AND ') : null
}
