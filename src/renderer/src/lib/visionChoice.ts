import type { ErrorInfo } from '../../../shared/errors'
import type { VisionChoice } from '../stores/chatState'

type VisionProvider = VisionChoice['visionProviders'][number]

function isVisionProvider(value: unknown): value is VisionProvider {
  if (typeof value !== 'object' || value === null) return false
  const p = value as Record<string, unknown>
  return (
    typeof p['id'] === 'string' && typeof p['label'] === 'string' && typeof p['model'] === 'string'
  )
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : []

/** The choice to offer for a MODEL_NO_VISION refusal (its data); null for any other error. */
export function visionChoiceOf(sessionId: string, error: ErrorInfo): VisionChoice | null {
  if (error.code !== 'MODEL_NO_VISION') return null
  const data = error.data ?? {}
  const providers: unknown[] = Array.isArray(data['visionProviders']) ? data['visionProviders'] : []
  return {
    sessionId,
    model: typeof data['model'] === 'string' ? data['model'] : 'This model',
    images: strings(data['images']),
    visionProviders: providers.filter(isVisionProvider),
  }
}
