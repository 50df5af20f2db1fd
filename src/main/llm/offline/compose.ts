import type { Pattern, UncertaintyLevel } from '../../../shared/domain'
import { PATTERN_INFO, UNCERTAINTY_MARKERS } from '../../../shared/patterns'
import { pick } from './hash'
import { extractEcho } from './phrases'
import { endSentence } from './sentences'
import { OFFLINE_DISCLAIMER, TEMPLATES } from './templates'

export interface ComposeInput {
  pattern: Pattern
  uncertainty: UncertaintyLevel
  /** The newest user message. */
  text: string
  /** The user message before it, if any, for a short callback to the conversation. */
  previous: string | null
  seed: number
}

const CLAIM_LEVELS = ['low', 'medium', 'high'] as const
const RANK: Record<UncertaintyLevel, number> = { none: 0, low: 1, medium: 2, high: 3 }

/** A claim is marked when its own uncertainty is at or above the level the user chose. */
function marker(claim: (typeof CLAIM_LEVELS)[number], chosen: UncertaintyLevel): string {
  if (chosen === 'none' || RANK[claim] < RANK[chosen]) return ''
  return ` ${UNCERTAINTY_MARKERS[claim]}`
}

export function composeReply({ pattern, uncertainty, text, previous, seed }: ComposeInput): string {
  const { glyph } = PATTERN_INFO[pattern]
  const t = TEMPLATES[pattern]
  const echo = extractEcho(text)
  const [first, second] = echo.terms
  const f = first ? `“${first}”` : 'this'
  const g = second ? `“${second}”` : 'what surrounds it'

  const lead = echo.question
    ? 'You asked'
    : pick(['You wrote', 'You said', 'In your words'], seed, 1)
  const opening = echo.quote
    ? `${glyph} ${lead}: ${endSentence(`“${echo.quote}”`)}`
    : `${glyph} There are no words here yet for me to reflect back.`
  const paragraphs = [opening]
  if (echo.paraphrase) paragraphs.push(endSentence(`If I hear you right, ${echo.paraphrase}`))

  const claims = CLAIM_LEVELS.map((level, i) => {
    const line = pick(t.claims[i]!, seed, 10 + i)
    return `${line(f, g)}${marker(level, uncertainty)}.`
  })
  paragraphs.push(claims.join(' '))

  const before = previous ? extractEcho(previous).quote : null
  if (before && before !== echo.quote) {
    paragraphs.push(endSentence(`Earlier you mentioned “${before}”`))
  }

  const question = echo.quote
    ? pick(t.questions, seed, 20)(f, g)
    : 'What is on your mind right now?'
  paragraphs.push(question, pick(t.nextSteps, seed, 30), OFFLINE_DISCLAIMER)
  return paragraphs.join('\n\n')
}
