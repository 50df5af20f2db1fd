import type { Pattern, UncertaintyLevel } from './domain'

export interface PatternInfo {
  id: Pattern
  label: string
  glyph: string
}

export const PATTERN_INFO: Record<Pattern, PatternInfo> = {
  exploratory: { id: 'exploratory', label: 'Exploratory', glyph: '◊' },
  analytical: { id: 'analytical', label: 'Analytical', glyph: '✦' },
  creative: { id: 'creative', label: 'Creative', glyph: '★' },
  strategic: { id: 'strategic', label: 'Strategic', glyph: '⬢' },
}

/** Every glyph ActiveMirrorOS uses in reflective text, the four pattern glyphs first. */
export const REFLECTIVE_GLYPHS = ['◊', '✦', '★', '⬢', '◈', '⬡', '◇', '◆', '✧', '☆'] as const

export const UNCERTAINTY_MARKERS: Record<Exclude<UncertaintyLevel, 'none'>, string> = {
  low: '⟨low⟩',
  medium: '⟨medium⟩',
  high: '⟨⟨high⟩⟩',
}

export const UNCERTAINTY_LABELS: Record<UncertaintyLevel, string> = {
  none: 'None',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
}
