/**
 * The ranking rule every backend shares (docs/storage.md "Full-text search"), written once so
 * that SQLite, memory and JSON score a hit alike.
 *
 * Bounded ranking: scoring every match of a common word ("the" is in most messages) made a
 * search cost grow with the number of hits. So only the newest RANK_WINDOW matches are ranked;
 * when fewer than `limit` of those pass the filters (archived, excluded sessions), the next
 * RANK_WINDOW older matches join them, and so on. Within what is kept: bm25, best first, then
 * the newest message.
 */
import type { QueryTerm } from './textSearch'

export const RANK_WINDOW = 1_000

/** bm25 parameters, FTS5's defaults. */
const K1 = 1.2
const B = 0.75
const GAP = /[^\p{L}\p{N}_]+/u
// eslint-disable-next-line no-control-regex
const ASCII = /^[\u0000-\u007f]*$/
const ASCII_GAP = /[^a-z0-9_]+/

/** The words of a text folded (NFKD without marks, lowercased): one fold per text, not per word. */
export function foldedWords(text: string): string[] {
  // Plain ASCII has nothing to decompose: the common case skips the Unicode passes.
  if (ASCII.test(text)) return text.toLowerCase().split(ASCII_GAP)
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().split(GAP)
}

export interface TermCounts {
  /** Occurrences of each query term, in query order. */
  counts: number[]
  /** Words in the text (the bm25 document length). */
  length: number
}

export function countTerms(text: string, terms: readonly QueryTerm[]): TermCounts {
  const counts = terms.map(() => 0)
  let length = 0
  for (const word of foldedWords(text)) {
    if (word === '') continue
    length++
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i]!
      if (term.prefix ? word.startsWith(term.text) : word === term.text) counts[i]!++
    }
  }
  return { counts, length }
}

export interface CollectionStats {
  /** Searchable (non-sensitive) messages. */
  documents: number
  /** Their average length in words. */
  averageLength: number
  /** How many messages hold each term (exact, or estimated for very common terms). */
  docsWith: readonly number[]
}

/** FTS5's idf, floored so a term in most messages still counts a little. */
function idf(stats: CollectionStats, i: number): number {
  const n = stats.docsWith[i] ?? 0
  return Math.max(1e-6, Math.log((stats.documents - n + 0.5) / (n + 0.5)))
}

/** bm25 (higher is better) of one message; `used[i]` false leaves term i out. */
export function bm25(
  { counts, length }: TermCounts,
  stats: CollectionStats,
  used: readonly boolean[],
): number {
  const norm = K1 * (1 - B + (B * length) / (stats.averageLength || 1))
  let score = 0
  counts.forEach((tf, i) => {
    if (used[i] && tf > 0) score += (idf(stats, i) * tf * (K1 + 1)) / (tf + norm)
  })
  return score
}

/**
 * The window rule over matches listed newest first: the newest RANK_WINDOW, plus further
 * RANK_WINDOW-sized steps while fewer than `limit` of the kept ones are eligible. Backends that
 * hold everything in memory use this; SQLite walks its index the same way (searchQueries.ts).
 */
export function windowed<T>(
  newestFirst: readonly T[],
  eligible: (item: T) => boolean,
  limit: number,
): T[] {
  const kept: T[] = []
  for (let from = 0; from < newestFirst.length && kept.length < limit; from += RANK_WINDOW) {
    kept.push(...newestFirst.slice(from, from + RANK_WINDOW).filter(eligible))
  }
  return kept
}
