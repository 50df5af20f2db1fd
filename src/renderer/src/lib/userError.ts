import type { ErrorInfo } from '../../../shared/errors'

/** What a form or panel shows of a failed call: the code and the message written for users. */
export type UserError = Pick<ErrorInfo, 'code' | 'message'>

/** Drops `data` (status, retry hints…), which the stores that keep an error do not show. */
export function userError(error: ErrorInfo): UserError {
  return { code: error.code, message: error.message }
}

/** A call failed only because the vault is locked or not set up yet: a state, not a fault. */
export function vaultClosed(code: ErrorInfo['code']): boolean {
  return code === 'VAULT_LOCKED' || code === 'VAULT_NOT_INITIALIZED'
}
