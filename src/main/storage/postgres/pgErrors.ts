import { MirrorError } from '../../../shared/errors'

/** The SQLSTATE of a server error (`23505`, …), or null for anything else. */
export function sqlState(error: unknown): string | null {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    return /^[0-9A-Z]{5}$/.test(error.code) ? error.code : null
  }
  return null
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (sqlState(error) !== '23505') return false
  if (!constraint) return true
  return error instanceof Error && 'constraint' in error && error.constraint === constraint
}

/** A transaction another one beat (deadlock, serialization): safe to run again from the start. */
export function isRetryable(error: unknown): boolean {
  const state = sqlState(error)
  return state === '40001' || state === '40P01'
}

// Node's socket errors, and the messages pg gives a connection that died under it.
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH'])
const LOST =
  /Connection terminated|connection timeout|Client has encountered a connection error|not queryable/i

/** The server cannot be reached, shut down, or dropped the connection. */
export function isConnectionLost(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const state = sqlState(error)
  // 08: connection exceptions; 57P01–57P03: admin/crash shutdown, cannot connect now.
  if (state && (state.startsWith('08') || /^57P0[123]$/.test(state))) return true
  if ('code' in error && typeof error.code === 'string' && SOCKET_CODES.has(error.code)) {
    return true
  }
  return LOST.test(error.message)
}

/**
 * A server failure as the typed error the services expect: the server being unreachable is
 * STORAGE_UNAVAILABLE (nothing of the failed call is acknowledged, so the caller may retry it),
 * a lock conflict that outlived the retries STORAGE_BUSY. MirrorErrors pass through; anything
 * else is rethrown as it is, so bugs stay visible.
 */
export function toStorageError(error: unknown, where: string): unknown {
  if (error instanceof MirrorError) return error
  if (isConnectionLost(error)) {
    return new MirrorError(
      'STORAGE_UNAVAILABLE',
      `The PostgreSQL server at ${where} cannot be reached (${(error as Error).message}); nothing of this change was saved. Try again when it is back.`,
      { server: where },
    )
  }
  if (isRetryable(error) || sqlState(error) === '55P03') {
    return new MirrorError(
      'STORAGE_BUSY',
      `The PostgreSQL database at ${where} is busy; try again.`,
      {
        server: where,
      },
    )
  }
  return error
}

/** The URL without its password, for messages and logs. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return `${parsed.host}${parsed.pathname}`
  } catch {
    return 'the configured server'
  }
}
