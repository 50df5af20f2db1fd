import { splitSentences } from '../../llm/offline/sentences'

/** Longest automatic title, in characters (grapheme clusters, so an emoji is never cut in half). */
export const MAX_AUTO_TITLE = 60
const MAX_WORDS = 6
/** Scripts written without spaces between words: there the cap counts characters instead. */
const MAX_UNSPACED = 16
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (part) => part.segment)
}

// Chinese and Japanese full stops end a sentence without a space after them.
const CJK_END = /[。？！]/u
const GREETING = /^(?:hi|hello|hey|hallo|bonjour|hola|ciao)\b[\s,!.]*/iu
const POLITE =
  /^(?:(?:please|pls|can you|could you|would you|will you|i need you to|i want you to|help me(?: to)?)\s+)+/iu
// Words a cut title must not end on ("The difference between TCP and").
const DANGLING = new Set(
  'a an the and or but of to in on at for with from by about between into as is are was my your our their its this that during after before without than when if while via'.split(
    ' ',
  ),
)
// Punctuation, not symbols: "C++" and a closing emoji stay; "C#" keeps its sign.
const TRAILING = /(?:(?!#)[\s\p{P}])+$/u
const LEADING = /^(?:(?![¿¡#@(])[\s\p{P}])+/u

/** Markdown and links read as noise in a title; their visible words stay. */
function plain(text: string): string {
  return text
    .replace(/```[\s\S]*?(```|$)/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/^\s*(?:#+|>+)\s+/gm, '')
    .replace(/[*_`~|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The offline engine's reading of sentences ("Dr. Smith" does not end one), plus CJK stops. */
function firstSentence(text: string): string {
  const first = splitSentences(text)[0] ?? ''
  const end = CJK_END.exec(first)
  return end ? first.slice(0, end.index) : first
}

function stripEnds(text: string): string {
  return text.replace(LEADING, '').replace(TRAILING, '').trim()
}

function capWords(text: string): string {
  const words = text.split(' ')
  if (words.length <= MAX_WORDS) return text
  const kept = words.slice(0, MAX_WORDS)
  while (kept.length > 1 && DANGLING.has((kept[kept.length - 1] ?? '').toLowerCase())) kept.pop()
  return kept.join(' ')
}

/** Cuts at `max` characters, at a space when there is one in reach (never inside a cluster). */
function capLength(text: string, max: number): string {
  const parts = graphemes(text)
  if (parts.length <= max) return text
  const cut = parts.slice(0, max).join('')
  const space = cut.lastIndexOf(' ')
  return space > cut.length / 2 ? cut.slice(0, space) : cut
}

function capitalised(text: string): string {
  const first = text.charAt(0)
  return first.toLocaleUpperCase() === first ? text : first.toLocaleUpperCase() + text.slice(1)
}

/**
 * The offline engine's title: the first sentence of the first message, without greetings and
 * polite openers, cut to a few words (or, for Chinese and Japanese, a few characters), without
 * trailing punctuation. Deterministic; null when nothing readable is left.
 */
export function offlineTitle(message: string): string | null {
  let text = plain(message)
  text = stripEnds(firstSentence(text.replace(GREETING, '')) || text)
  text = text.replace(POLITE, '')
  text = capWords(stripEnds(text))
  const unspaced = UNSPACED.test(text) && !text.includes(' ')
  text = stripEnds(capLength(text, unspaced ? MAX_UNSPACED : MAX_AUTO_TITLE))
  return text.length > 0 ? capitalised(text) : null
}

const LABEL = /^(?:title|session title|标题|タイトル|titel|titre|título)\s*[:：]\s*/iu
const QUOTES = /^["'“”‘’«»「」『』*_`]+|["'“”‘’«»「」『』*_`]+$/gu

/**
 * A model's answer made into a title: the first line, without a "Title:" label, quotes or
 * markdown emphasis, trailing punctuation, capped at MAX_AUTO_TITLE. Null when nothing is left.
 */
export function cleanModelTitle(raw: string): string | null {
  const line =
    raw
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? ''
  let text = line.replace(/^#+\s*/, '').replace(LABEL, '')
  text = text.replace(QUOTES, '').replace(LABEL, '').replace(QUOTES, '')
  // eslint-disable-next-line no-control-regex
  text = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ')
  text = stripEnds(capLength(stripEnds(text), MAX_AUTO_TITLE))
  return text.length > 0 ? text : null
}
