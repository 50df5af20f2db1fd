import type { UncertaintyLevel, UncertaintyMarker } from '../../../shared/domain'
import { REFLECTIVE_GLYPHS, UNCERTAINTY_MARKERS } from '../../../shared/patterns'

type MarkedLevel = Exclude<UncertaintyLevel, 'none'>

// `⟨⟨high⟩⟩` is tried first so its inner brackets are never read as a separate marker.
const MARKER_ORDER: MarkedLevel[] = ['high', 'medium', 'low']

const RANK: Record<UncertaintyLevel, number> = { none: 0, low: 1, medium: 2, high: 3 }

/**
 * Finds `⟨low⟩`, `⟨medium⟩` and `⟨⟨high⟩⟩` left to right without overlaps. Stray or unbalanced
 * brackets are skipped one character at a time, so `⟨⟨low⟩` still yields the `⟨low⟩` inside it
 * while a lone `⟨high⟩` (not a marker) yields nothing.
 */
export function findMarkers(text: string): UncertaintyMarker[] {
  const markers: UncertaintyMarker[] = []
  let index = text.indexOf('⟨')
  while (index >= 0) {
    const level = MARKER_ORDER.find((l) => text.startsWith(UNCERTAINTY_MARKERS[l], index))
    if (level) {
      const raw = UNCERTAINTY_MARKERS[level]
      markers.push({ level, index, raw })
      index = text.indexOf('⟨', index + raw.length)
    } else {
      index = text.indexOf('⟨', index + 1)
    }
  }
  return markers
}

export function highestLevel(markers: UncertaintyMarker[]): UncertaintyLevel {
  let best: UncertaintyLevel = 'none'
  for (const m of markers) if (RANK[m.level] > RANK[best]) best = m.level
  return best
}

const GLYPH_SET: ReadonlySet<string> = new Set(REFLECTIVE_GLYPHS)

/** Distinct reflective glyphs in order of first appearance. */
export function findGlyphs(text: string): string[] {
  const seen: string[] = []
  for (const ch of text) {
    if (GLYPH_SET.has(ch) && !seen.includes(ch)) seen.push(ch)
  }
  return seen
}
