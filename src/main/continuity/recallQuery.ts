import { normalizeToken } from '../storage/textSearch'

/**
 * Turns the user's new message into a few search terms: its significant words (no stopwords,
 * no very short words), deduplicated by a light suffix stem, longest first (length is a cheap
 * stand-in for rarity when no corpus statistics are at hand), at most `max` of them.
 */

// English function words plus conversational filler that says nothing about a topic.
const STOPWORDS = new Set(
  `a about above after again against all also am an and any are aren as at be because been before
  being below between both but by can cannot could couldn did didn do does doesn doing don down
  during each few for from further had hadn has hasn have haven having he her here hers herself him
  himself his how i if in into is isn it its itself just let me more most mustn my myself no nor not
  now of off on once only or other ought our ours ourselves out over own same shan she should
  shouldn so some such than that the their theirs them themselves then there these they this those
  through to too under until up very was wasn we were weren what when where which while who whom
  why will with won would wouldn you your yours yourself yourselves
  ago already always anything back bit come could did done else even ever every get getting go going
  gone got great hey hi how know last like lot make many maybe mean might much must need never new
  next now okay ok one please pretty quite really remember remind said say see seem so something
  still sure talk talked tell thing things think thought time today told tomorrow try want wanted
  way week well went yes yesterday yet`
    .split(/\s+/)
    .filter((w) => w.length > 0),
)

const WORD = /[\p{L}\p{N}_]+/gu
const MIN_LENGTH = 3

export interface Keyword {
  /** Normalized word as typed (lowercase, no accents). */
  word: string
  /** What is searched: the word, or its stem followed by `*` (a prefix search). */
  term: string
}

/** Cuts one common English suffix so `studios` finds `studio` and `planning` finds `planned`. */
export function stem(word: string): string {
  const rules: Array<[suffix: string, minLength: number]> = [
    ['ings', 7],
    ['ing', 6],
    ['ies', 6],
    ['ed', 6],
    ['es', 6],
    ['s', 5],
  ]
  for (const [suffix, minLength] of rules) {
    if (word.length >= minLength && word.endsWith(suffix) && !word.endsWith('ss')) {
      return word.slice(0, word.length - suffix.length)
    }
  }
  return word
}

function significant(word: string): boolean {
  if (STOPWORDS.has(word)) return false
  if (/^\p{N}+$/u.test(word)) return word.length >= 3 // years and codes, not "2" or "10"
  return [...word].length >= MIN_LENGTH
}

export function extractKeywords(text: string, max = 6): Keyword[] {
  const seen = new Map<string, { keyword: Keyword; position: number }>()
  let position = 0
  for (const match of text.matchAll(WORD)) {
    const word = normalizeToken(match[0])
    position++
    if (!significant(word)) continue
    const root = stem(word)
    if (seen.has(root)) continue
    const term = root === word ? word : `${root}*`
    seen.set(root, { keyword: { word, term }, position })
  }
  return [...seen.values()]
    .sort((a, b) => b.keyword.word.length - a.keyword.word.length || a.position - b.position)
    .slice(0, max)
    .map((s) => s.keyword)
}
