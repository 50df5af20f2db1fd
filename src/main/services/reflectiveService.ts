import type { Pattern, Reflection, UncertaintyLevel } from '../../shared/domain'
import { PatternSchema, UncertaintyLevelSchema } from '../../shared/domain'
import { MirrorError } from '../../shared/errors'
import type { ReflectiveApi } from './contracts'
import { depthFeatures, depthScore } from './reflective/depth'
import { findGlyphs, findMarkers, highestLevel } from './reflective/markers'
import { buildSystemPrompt } from './reflective/prompts'

/** Pattern/uncertainty → system prompt, and reply → reflection (markers, glyphs, depth). */
export class ReflectiveService implements ReflectiveApi {
  systemPrompt(pattern: Pattern, uncertainty: UncertaintyLevel): string {
    const p = PatternSchema.safeParse(pattern)
    const u = UncertaintyLevelSchema.safeParse(uncertainty)
    if (!p.success) throw new MirrorError('VALIDATION_FAILED', 'Unknown reflective pattern.')
    if (!u.success) throw new MirrorError('VALIDATION_FAILED', 'Unknown uncertainty level.')
    return buildSystemPrompt(p.data, u.data)
  }

  analyze(reply: string): Reflection {
    const markers = findMarkers(reply)
    const glyphs = findGlyphs(reply)
    return {
      level: highestLevel(markers),
      markers,
      glyphs,
      depth: depthScore(depthFeatures(reply, glyphs, markers)),
    }
  }
}
