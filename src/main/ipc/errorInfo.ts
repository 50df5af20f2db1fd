import type { ErrorInfo } from '../../shared/errors'
import { isMirrorError } from '../../shared/errors'

export const INTERNAL_MESSAGE = 'Something went wrong inside ActiveMirror. Please try again.'

/**
 * Turns anything thrown by a handler into what may cross the bridge. Only MirrorError messages
 * are written for users; any other error may carry paths or stack frames and is replaced.
 */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (isMirrorError(error)) return error.toInfo()
  return { code: 'INTERNAL', message: INTERNAL_MESSAGE }
}
