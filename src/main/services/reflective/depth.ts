import type { UncertaintyMarker } from '../../../shared/domain'

/**
 * Reflective depth, 0..5: one point for each move a reply makes (docs/reflection.md).
 * Plain text rules so the score is deterministic and the same for every provider.
 */

const QUESTION = /[\p{L}\p{N}][^?？\n]*[?？]/u
// A quotation of at least two letters/digits in curly, straight or angle quotes.
const QUOTATION =
  /“[^”\n]*[\p{L}\p{N}]{2}[^”\n]*”|"[^"\n]*[\p{L}\p{N}]{2}[^"\n]*"|«[^»\n]*[\p{L}\p{N}]{2}[^»\n]*»/u
const ECHO_CUE =
  /\b(you said|you say|you mentioned|you wrote|you describe|you described|you're saying|you are saying|in your (own )?words)\b/i
const NEXT_STEP_CUE =
  /\b(next step|first step|small step|one step|you could|you might|try|consider|start (by|with)|begin (by|with))\b/i

export interface DepthFeatures {
  glyph: boolean
  question: boolean
  uncertainty: boolean
  echo: boolean
  nextStep: boolean
}

export function depthFeatures(
  text: string,
  glyphs: string[],
  markers: UncertaintyMarker[],
): DepthFeatures {
  return {
    glyph: glyphs.length > 0,
    question: QUESTION.test(text),
    uncertainty: markers.length > 0,
    echo: QUOTATION.test(text) || ECHO_CUE.test(text),
    nextStep: NEXT_STEP_CUE.test(text),
  }
}

export function depthScore(features: DepthFeatures): number {
  return Object.values(features).filter(Boolean).length
}
