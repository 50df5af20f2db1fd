/** Sentence-level reading of a user message: punctuation runs, sentence ends, questions. */

/**
 * Collapses a run of sentence punctuation to the one mark it means ("??." → "?", "…." → "…",
 * ".." → "."), so a quoted sentence never carries the user's typing slips into a reply.
 */
export function normalisePunctuation(text: string): string {
  return text.replace(/[.!?…]{2,}/gu, (run) => {
    if (run.includes('?')) return '?'
    if (run.includes('!')) return '!'
    if (run.includes('…') || run.length >= 3) return '…'
    return '.'
  })
}

// Words whose period does not end a sentence: titles before a name, and Latin/short forms that
// sit inside one. "etc." can end a sentence too, so it ends one only before a capital letter.
const NEVER_ENDS = new Set(['dr', 'mr', 'mrs', 'ms', 'prof', 'st', 'vs', 'jr', 'sr', 'e.g', 'i.e'])
const ENDS_BEFORE_CAPITAL = new Set(['etc'])

function endsSentence(before: string, after: string): boolean {
  if (!before.endsWith('.')) return true
  const word = /(?:^|[^\p{L}.])([\p{L}.]+)\.$/u.exec(before)?.[1]?.toLowerCase() ?? ''
  if (NEVER_ENDS.has(word)) return false
  if (ENDS_BEFORE_CAPITAL.has(word)) return /^\p{Lu}/u.test(after)
  return true
}

/** Splits text into sentences at . ! ? … followed by a space, except after an abbreviation. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = []
  let start = 0
  for (const m of text.matchAll(/(?<=[.!?…])\s+/gu)) {
    const end = m.index
    const before = text.slice(start, end)
    const after = text.slice(end + m[0].length)
    if (!endsSentence(before, after)) continue
    sentences.push(before)
    start = end + m[0].length
  }
  sentences.push(text.slice(start))
  return sentences.filter((s) => s.trim() !== '')
}

const WH = /^(what|why|how|when|where|who|whom|whose|which)$/
// What may follow a question word in a question ("what is", "how do", "why I") but not in an
// exclamation ("what a day", "how nice").
const AFTER_WH =
  /^(is|isn't|are|aren't|am|was|wasn't|were|do|does|did|don't|doesn't|didn't|can|can't|could|couldn't|should|shouldn't|would|wouldn't|will|won't|shall|may|might|must|have|has|had|i|you|we|they|he|she|it|this|that|there|if|about|else|now|then|much|many|long|often|far|come|kind|sort|one|part|exactly|really)$/
const AUX =
  /^(is|isn't|are|aren't|am|was|wasn't|were|weren't|do|does|did|don't|doesn't|didn't|can|can't|could|couldn't|should|shouldn't|would|wouldn't|will|won't|shall|may|might|must|have|has|had|haven't|hasn't)$/
const SUBJECT =
  /^(i|you|we|they|he|she|it|there|this|that|my|your|our|their|his|her|anyone|someone|anything|something|everyone)$/

/**
 * Whether a sentence asks something: it ends with "?", or it is worded as a question
 * ("what are you avoiding.", "should I stay") whatever punctuation closes it.
 */
export function isQuestion(sentence: string): boolean {
  const trimmed = sentence.trim()
  if (/\?[.!?…]*[\s"”’)]*$/u.test(trimmed)) return true
  if (/!$/u.test(trimmed)) return false
  const words = (
    trimmed
      .toLowerCase()
      .replace(/’/g, "'")
      .match(/[\p{L}']+/gu) ?? []
  ).slice(0, 2)
  const [first, second] = words
  if (!first || !second) return false
  if (WH.test(first)) return AFTER_WH.test(second)
  // "Do it now." is an order; "Does it matter." asks.
  if (first === 'do' && /^(it|this|that)$/.test(second)) return false
  return AUX.test(first) && SUBJECT.test(second)
}

/** Closes a sentence with a period unless it already ends with its own mark (“…” or “?”). */
export function endSentence(text: string): string {
  return /[.!?…][”"’)]?$/u.test(text) ? text : `${text}.`
}
