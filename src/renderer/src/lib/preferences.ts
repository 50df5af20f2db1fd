import type { Pattern, UncertaintyLevel } from '../../../shared/domain'
import { PATTERN_INFO, UNCERTAINTY_LABELS } from '../../../shared/patterns'

export const PATTERN_IDS = Object.keys(PATTERN_INFO) as Pattern[]
export const UNCERTAINTY_IDS = Object.keys(UNCERTAINTY_LABELS) as UncertaintyLevel[]

// Shared with the SDK's `send`, which starts from the same remembered preferences.
export { DEFAULT_PREFERENCES, readPreferences } from '../../../shared/sessionPreferences'
