import { REFLECTIVE_GLYPHS } from '../../../shared/patterns'
import { isQuestion, normalisePunctuation, splitSentences } from './sentences'

/** What the offline engine can reflect back from one user message. */
export interface Echo {
  /** A key sentence of the message, verbatim (shortened), or null when there are no words. */
  quote: string | null
  /** The same sentence turned from first to second person, when that reads naturally. */
  paraphrase: string | null
  /** Whether the quoted sentence asks something (then the quote ends with "?"). */
  question: boolean
  /** Up to three content words, most frequent first. */
  terms: string[]
}

const MAX_QUOTE_WORDS = 14
// Long messages are reflected from their opening part; the rest adds time, not meaning.
const MAX_SCAN_CHARS = 20_000
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu

const STOPWORDS = new Set(
  `a an and are as at be been being but by can could did do does doing done for from had has have
  having he her here hers him his how i i'd i'll i'm i've if in into is it it's its just let me
  more most my myself no nor not of off on once only or other our ours out over own really same
  she should so some such than that that's the their theirs them then there these they this those
  through to too under until up very was we were what when where which while who whom why will
  with would you your yours yourself about again against all am any because before below between
  both down during each few further after above also get got like maybe much need needs want wants
  thing things something anything everything think know feel lot even still way ok okay yes yeah
  keep keeps kept thinking thought make makes made going goes went want wanted try trying tell
  told said say says start started seem seems seemed wonder help give take took write wrote
  please thanks thank hello hey hi really actually probably usually always never sometimes
  etc vs dr mr mrs ms prof st jr sr`
    .split(/\s+/)
    .filter(Boolean),
)

const FIRST_TO_SECOND: Record<string, string> = {
  i: 'you',
  me: 'you',
  my: 'your',
  mine: 'yours',
  myself: 'yourself',
  am: 'are',
  "i'm": "you're",
  "i've": "you've",
  "i'd": "you'd",
  "i'll": "you'll",
}

const STRIP = new RegExp(`[⟨⟩“”"«»${REFLECTIVE_GLYPHS.join('')}]`, 'g')

/**
 * Removes characters that would change how the reply is parsed (markers, glyphs, quotes) and
 * collapses doubled punctuation, so quoting the user never doubles a mark.
 */
export function sanitize(text: string): string {
  return normalisePunctuation(text.replace(STRIP, ' ').replace(/\s+/g, ' ').trim())
}

interface Word {
  text: string
  /** Position among the sentence's words; 0 = sentence-initial (capitalised by grammar only). */
  position: number
}

function contentWords(sentence: string): Word[] {
  return [...sentence.matchAll(WORD)]
    .map((m, position) => ({ text: m[0].replace(/’/g, "'"), position }))
    .filter((w) => w.text.length >= 3 && !STOPWORDS.has(w.text.toLowerCase()))
}

function display(word: Word): string {
  const acronymOrName = /^\p{Lu}\p{Lu}/u.test(word.text) || /\p{Ll}\p{Lu}/u.test(word.text)
  return word.position === 0 && !acronymOrName ? word.text.toLowerCase() : word.text
}

// Longer words carry more meaning; -ing forms are usually verbs, weaker anchors than nouns.
function weight(word: string): number {
  return word.length - (/ing$/i.test(word) ? 4 : 0)
}

function shorten(sentence: string, question: boolean): string {
  const words = sentence.split(' ')
  const cut = words.length > MAX_QUOTE_WORDS
  const text = cut ? words.slice(0, MAX_QUOTE_WORDS).join(' ') : sentence
  return text.replace(/[\s.,;:!?…-]+$/u, '') + (cut ? '…' : question ? '?' : '')
}

function paraphrase(quote: string): string | null {
  const words = quote.split(' ')
  const lower = words.map((w) => w.toLowerCase().replace(/’/g, "'"))
  // Second-person words would need a you→I swap that guesswork gets wrong; quote those instead.
  if (lower.some((w) => /^(you|your|yours|you're|you've)\b/.test(w))) return null
  // Only a sentence with the user as its subject reads well turned around ("Write me…" does not).
  const subject = /^(i|my|i'm|i've|i'd|i'll)$/
  if (!lower.some((w) => subject.test(w.replace(/[.,;:!?…]+$/u, '')))) return null
  const swapped = words
    .map((word, i) => {
      const tail = /[.,;:!?…]+$/u.exec(word)?.[0] ?? ''
      const bare = lower[i]!.slice(0, lower[i]!.length - tail.length)
      const second = FIRST_TO_SECOND[bare]
      return second ? second + tail : word
    })
    .join(' ')
  // It continues a sentence ("If I hear you right, …"): lower-case the start unless an acronym.
  return /^\p{Lu}\p{Lu}/u.test(swapped)
    ? swapped
    : swapped.charAt(0).toLowerCase() + swapped.slice(1)
}

export function extractEcho(message: string): Echo {
  const text = sanitize(message.slice(0, MAX_SCAN_CHARS))
  if (!/[\p{L}\p{N}]/u.test(text)) {
    return { quote: null, paraphrase: null, question: false, terms: [] }
  }
  const sentences = splitSentences(text).filter((s) => /[\p{L}\p{N}]/u.test(s))
  let best = sentences[0] ?? text
  let bestScore = -1
  const counts = new Map<string, { word: string; count: number; weight: number; first: number }>()
  let order = 0
  for (const sentence of sentences) {
    const words = contentWords(sentence)
    if (words.length > bestScore) [best, bestScore] = [sentence, words.length]
    for (const word of words) {
      const key = word.text.toLowerCase()
      const seen = counts.get(key)
      if (seen) seen.count++
      else counts.set(key, { word: display(word), count: 1, weight: weight(key), first: order++ })
    }
  }
  const terms = [...counts.values()]
    .sort((a, b) => b.count - a.count || b.weight - a.weight || a.first - b.first)
    .slice(0, 3)
    .map((t) => t.word)
  const question = isQuestion(best)
  const quote = shorten(best, question)
  // A question turned into "If I hear you right, …" reads as a statement; it is quoted as asked.
  return { quote, paraphrase: question ? null : paraphrase(quote), question, terms }
}
