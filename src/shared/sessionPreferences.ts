import { PATTERNS, UNCERTAINTY_LEVELS } from './domain'
import type { Pattern, Session, UncertaintyLevel } from './domain'
import type { SessionPreferences } from './routeGroups/sessions'

export const DEFAULT_PREFERENCES: SessionPreferences = {
  pattern: 'exploratory',
  uncertainty: 'none',
}

function isPattern(value: unknown): value is Pattern {
  return typeof value === 'string' && (PATTERNS as readonly string[]).includes(value)
}

function isUncertainty(value: unknown): value is UncertaintyLevel {
  return typeof value === 'string' && (UNCERTAINTY_LEVELS as readonly string[]).includes(value)
}

/** The session's remembered Pattern and Uncertainty (kept in `metadata.preferences` by main). */
export function readPreferences(session: Session | undefined): SessionPreferences {
  const stored = session?.metadata['preferences']
  if (typeof stored !== 'object' || stored === null) return DEFAULT_PREFERENCES
  const { pattern, uncertainty, providerId, model } = stored as Record<string, unknown>
  return {
    pattern: isPattern(pattern) ? pattern : DEFAULT_PREFERENCES.pattern,
    uncertainty: isUncertainty(uncertainty) ? uncertainty : DEFAULT_PREFERENCES.uncertainty,
    // Kept so that changing the pattern does not forget the session's provider.
    ...(typeof providerId === 'string' && providerId ? { providerId } : {}),
    ...(typeof model === 'string' && model ? { model } : {}),
  }
}
