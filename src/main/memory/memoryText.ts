import { createHash } from 'node:crypto'

/** Lower case, accents and punctuation gone, spaces collapsed: "I like tea!" ≡ "i like tea". */
export function normalizeMemoryText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s']/gu, ' ')
    .replace(/'/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/** What a rejected suggestion is remembered by: a digest of its normalized text. */
export function memoryFingerprint(text: string): string {
  return createHash('sha256').update(normalizeMemoryText(text)).digest('hex')
}

// Words that say how the user feels about a subject, not what the subject is: "Likes tea" and
// "Hates tea" are about the same thing, so one is an update of the other.
const STOP_WORDS = new Set(
  (
    'a an the and or but of to in on at for with by from about as is are was be been am ' +
    'i me my mine we our us you your user users it its this that these those there ' +
    'likes like loves love hates hate prefers prefer preferred wants want always never ' +
    'not no dont doesnt do does please really very much more most over than so just ' +
    'decided decide goal goals working work called named name'
  ).split(' '),
)

export function contentTokens(text: string): Set<string> {
  return new Set(
    normalizeMemoryText(text)
      .split(' ')
      .filter((t) => t.length > 1 && !STOP_WORDS.has(t)),
  )
}

/** "Wife is called Ana" → "wife": what a naming memory is about (null when it is not one). */
export function namingSubject(text: string): string | null {
  const match = /^(.{1,60}?)\s(?:is called|is named|is)\s/.exec(normalizeMemoryText(text))
  if (!match?.[1]) return null
  const subject = match[1]
    .replace(/^(the )?(users?|my|our) /, '')
    .replace(/s name$/, '')
    .trim()
  return subject.split(' ').length <= 4 ? subject : null
}

/** Share of content words the two texts have in common (Jaccard), 0 when either has none. */
export function tokenOverlap(a: string, b: string): number {
  const ta = contentTokens(a)
  const tb = contentTokens(b)
  if (ta.size === 0 || tb.size === 0) return 0
  let shared = 0
  for (const t of ta) if (tb.has(t)) shared++
  return shared / (ta.size + tb.size - shared)
}

export const RELATED_OVERLAP = 0.5

/**
 * Whether a new text repeats or contradicts an old one: the same naming subject ("Name is
 * Sam" / "Name is Samuel"), or mostly the same content words ("Likes tea" / "Hates tea").
 */
export function sameSubject(a: string, b: string): boolean {
  const sa = namingSubject(a)
  if (sa !== null && sa === namingSubject(b)) return true
  return tokenOverlap(a, b) >= RELATED_OVERLAP
}
