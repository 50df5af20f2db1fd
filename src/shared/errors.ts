import type { ErrorInfo } from './errorInfo'

export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'NOT_FOUND',
  /** A folder with that name (ignoring case) already exists. */
  'FOLDER_EXISTS',
  'UNKNOWN_ROUTE',
  'FORBIDDEN_SENDER',
  'STORAGE_CORRUPT',
  'STORAGE_UNAVAILABLE',
  'STORAGE_BUSY',
  'IMPORT_UNSUPPORTED_FORMAT',
  'IMPORT_INVALID',
  /** The thread that reads a large ChatGPT file stopped or could not start; that file failed. */
  'IMPORT_WORKER_FAILED',
  'EXPORT_FAILED',
  /** An export too big to hand to the app in one answer (data: size, limit); the CLI writes it to a file. */
  'EXPORT_TOO_LARGE',
  /** The host cannot do this (e.g. a native drag in browser mode); the caller falls back. */
  'NOT_SUPPORTED',
  'VAULT_NOT_INITIALIZED',
  'VAULT_LOCKED',
  'VAULT_BAD_PASSWORD',
  'VAULT_CORRUPT',
  /** A full backup file (docs/backup.md) is damaged or cut short; nothing was restored. */
  'BACKUP_CORRUPT',
  /** The file is not an ActiveMirror full backup (or a version this app cannot read). */
  'BACKUP_UNRECOGNIZED',
  /** The continuity log's hash chain does not hold (an entry was edited, removed or moved). */
  'CONTINUITY_BROKEN',
  'KEYCHAIN_UNAVAILABLE',
  /** "Encrypt all history" needs SQLite storage; the JSON folder store cannot be encrypted. */
  'ENCRYPTION_UNSUPPORTED',
  /** The history is encrypted but its wrapped database key is missing or does not open it. */
  'ENCRYPTION_KEY_MISSING',
  /** A converted copy did not match the original (integrity, row counts or FTS); nothing changed. */
  'ENCRYPTION_VERIFY_FAILED',
  'PROVIDER_NOT_CONFIGURED',
  'PROVIDER_UNREACHABLE',
  'PROVIDER_AUTH_FAILED',
  'PROVIDER_MODEL_NOT_FOUND',
  'PROVIDER_RATE_LIMITED',
  'PROVIDER_SERVER_ERROR',
  'PROVIDER_TIMEOUT',
  'PROVIDER_STREAM_INTERRUPTED',
  'CANCELLED',
  /** Instruction text (global, session or persona) is longer than MAX_INSTRUCTIONS_CHARS. */
  'INSTRUCTIONS_TOO_LONG',
  /** Another persona already has this name (names compare trimmed and case-insensitively). */
  'PERSONA_NAME_TAKEN',
  'USAGE',
  /** A file is larger than its kind allows (data: name, size, limit, kind). */
  'ATTACHMENT_TOO_LARGE',
  /** A file is not an image, PDF or text file by its content (data: name). */
  'ATTACHMENT_TYPE_UNSUPPORTED',
  /** More files on one message than MAX_ATTACHMENTS_PER_MESSAGE (data: count, limit). */
  'TOO_MANY_ATTACHMENTS',
  /** The model is known not to read images (data: provider, model, options, visionProviders). */
  'MODEL_NO_VISION',
  /** Renderer only: the browser host's WebSocket is down (request not sent, or its answer lost). */
  'BRIDGE_DISCONNECTED',
  /** Browser mode: a request larger than the host's WebSocket frame limit (MAX_FRAME_BYTES). */
  'REQUEST_TOO_LARGE',
  /** The core's worker stopped while this request ran; it was restarted (the request may not have completed). */
  'CORE_RESTARTED',
  /** The core's worker stopped too often and is no longer restarted. */
  'CORE_UNAVAILABLE',
  'INTERNAL',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

// The envelope's type comes from its schema (errorInfo.ts); this file stays free of zod so the
// renderer can import MirrorError and the codes without bundling it.
export type { ErrorInfo } from './errorInfo'

/**
 * The only error type services throw on purpose. Its message is written for the user and must
 * never contain secrets, stack traces or absolute paths outside the user's own data.
 */
export class MirrorError extends Error {
  readonly code: ErrorCode
  readonly data: Record<string, unknown> | undefined

  constructor(code: ErrorCode, message: string, data?: Record<string, unknown>) {
    super(message)
    this.name = 'MirrorError'
    this.code = code
    this.data = data
  }

  toInfo(): ErrorInfo {
    return this.data
      ? { code: this.code, message: this.message, data: this.data }
      : { code: this.code, message: this.message }
  }
}

export function isMirrorError(value: unknown): value is MirrorError {
  return value instanceof MirrorError
}
