import type { Message, UncertaintyLevel } from '../../../shared/domain'

export type MarkedLevel = Exclude<UncertaintyLevel, 'none'>

/** `⟨low⟩`, `⟨medium⟩`, `⟨⟨high⟩⟩` (and a lone `⟨high⟩`, which models also write). */
export const MARKER_PATTERN = /⟨⟨high⟩⟩|⟨(low|medium|high)⟩/g

export const LEVEL_HINTS: Record<MarkedLevel, string> = {
  low: 'Low uncertainty: fairly confident, worth a quick check',
  medium: 'Medium uncertainty: plausible, but verify before relying on it',
  high: 'High uncertainty: speculative, treat as a question rather than an answer',
}

export interface TextPart {
  text: string
  level: MarkedLevel | null
}

/** Splits text into plain runs and markers. */
export function splitMarkers(text: string): TextPart[] {
  const parts: TextPart[] = []
  let last = 0
  for (const match of text.matchAll(MARKER_PATTERN)) {
    const index = match.index ?? 0
    if (index > last) parts.push({ text: text.slice(last, index), level: null })
    parts.push({ text: match[0], level: (match[1] as MarkedLevel | undefined) ?? 'high' })
    last = index + match[0].length
  }
  if (last < text.length) parts.push({ text: text.slice(last), level: null })
  return parts
}

const RANK: Record<UncertaintyLevel, number> = { none: 0, low: 1, medium: 2, high: 3 }

/** The reply's overall level: main's analysis when present, else the highest marker in the text. */
export function overallLevel(message: Message): UncertaintyLevel {
  const analysed = message.metadata.reflection?.level
  if (analysed) return analysed
  let level: UncertaintyLevel = 'none'
  for (const part of splitMarkers(message.content)) {
    if (part.level && RANK[part.level] > RANK[level]) level = part.level
  }
  return level
}
