import type { UncertaintyLevel } from '../../../shared/domain'
import { LEVEL_HINTS } from '../lib/uncertainty'

interface Props {
  level: UncertaintyLevel
  /** The reply's overall level (header) rather than one marker in the text. */
  overall?: boolean
}

/** Same look and names as the badges the Markdown plugin puts in the text. */
export function UncertaintyBadge({ level, overall = false }: Props) {
  if (level === 'none') return null
  const label = overall ? `overall uncertainty: ${level}` : `uncertainty: ${level}`
  return (
    <span
      className={`uncertainty-badge uncertainty-${level}${overall ? ' uncertainty-overall' : ''}`}
      role="img"
      aria-label={label}
      title={LEVEL_HINTS[level]}
    >
      {overall ? `uncertainty ${level}` : level}
    </span>
  )
}
