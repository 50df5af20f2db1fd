import type { ErrorInfo } from '../../../shared/errors'

/** What a form or panel shows of a failed call: the code and the message written for users. */
export type UserError = Pick<ErrorInfo, 'code' | 'message'>

/** Drops `data` (status, retry hints…), which the stores that keep an error do not show. */
export function userError(error: ErrorInfo): UserError {
  return { code: error.code, message: error.message }
}
