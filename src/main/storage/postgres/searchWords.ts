import { foldedWords } from '../searchRank'
import type { QueryTerm } from '../textSearch'

/** tsvector lexemes are at most 2 047 bytes; a longer "word" is no one's search term. */
const MAX_LEXEME_BYTES = 2_000

export interface IndexedWords {
  /** The distinct folded words: the message's tsvector lexemes. */
  words: string[]
  /** How many words the text holds (bm25's document length). */
  count: number
}

/**
 * A message's words folded exactly as the ranking counts them (searchRank.foldedWords: NFKD
 * without marks, lowercased, split on anything but letters, digits and `_`), so what the GIN
 * index finds and what bm25 scores are the same words on every backend. Stored as a tsvector
 * built from this list (array_to_tsvector): PostgreSQL's parser and dictionaries, which split
 * and stem differently from SQLite's unicode61 tokenizer, never touch it.
 */
export function indexedWords(text: string): IndexedWords {
  const all = foldedWords(text).filter((w) => w !== '')
  const words = [...new Set(all)].filter((w) => Buffer.byteLength(w) <= MAX_LEXEME_BYTES)
  return { words, count: all.length }
}

/** A tsquery literal for folded terms (`'word'`, `'pre':*`), ANDed or ORed; never user syntax. */
export function tsQuery(terms: readonly QueryTerm[], any: boolean): string {
  return terms
    .map((t) => `'${t.text.replaceAll('\\', '\\\\').replaceAll("'", "''")}'${t.prefix ? ':*' : ''}`)
    .join(any ? ' | ' : ' & ')
}
