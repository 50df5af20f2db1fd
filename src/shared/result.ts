import type { ErrorInfo } from './errors'

/** What every route returns across the bridge: never a thrown error, never a stack trace. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorInfo }
