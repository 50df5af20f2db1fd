import type { ErrorInfo } from '../shared/errors'
import { isMirrorError } from '../shared/errors'

export const EXIT_OK = 0
export const EXIT_FAILURE = 1
export const EXIT_USAGE = 2

const oneLine = (text: string): string => text.replace(/\s*[\r\n]+\s*/g, ' ').trim()

/**
 * The single stderr line for an error and the exit code. MirrorError messages are written for
 * users; anything else is a bug, reported as INTERNAL with its message but never a stack.
 */
export function describeError(error: unknown): { line: string; exitCode: number } {
  if (isMirrorError(error)) {
    return {
      line: `${error.code}: ${oneLine(error.message)}`,
      exitCode: error.code === 'USAGE' ? EXIT_USAGE : EXIT_FAILURE,
    }
  }
  const message = error instanceof Error ? error.message : String(error)
  return { line: `INTERNAL: ${oneLine(message) || 'unexpected error'}`, exitCode: EXIT_FAILURE }
}

/** An error that arrived as data (e.g. a failed reply) rather than being thrown. */
export function errorInfoLine(info: ErrorInfo): string {
  return `${info.code}: ${oneLine(info.message)}`
}
