import { MirrorError } from '../../shared/errors'

/** better-sqlite3 throws SqliteError with an extended result code such as SQLITE_CONSTRAINT_UNIQUE. */
export function sqliteCode(error: unknown): string | null {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    return error.code.startsWith('SQLITE_') ? error.code : null
  }
  return null
}

export function isConstraint(
  error: unknown,
  kind: 'UNIQUE' | 'PRIMARYKEY' | 'FOREIGNKEY',
): boolean {
  return sqliteCode(error) === `SQLITE_CONSTRAINT_${kind}`
}

/**
 * Turns a low-level SQLite failure into the typed error the services expect. MirrorErrors pass
 * through; anything unrecognised is rethrown as-is so bugs stay visible.
 */
export function toMirrorError(error: unknown, fileName: string): unknown {
  if (error instanceof MirrorError) return error
  const code = sqliteCode(error)
  if (!code) return error
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new MirrorError(
      'STORAGE_BUSY',
      `The database ${fileName} is busy in another process; try again.`,
      { file: fileName },
    )
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new MirrorError(
      'STORAGE_CORRUPT',
      `The database ${fileName} is damaged or not an ActiveMirror database; it was left untouched.`,
      { file: fileName },
    )
  }
  if (
    code.startsWith('SQLITE_CANTOPEN') ||
    code.startsWith('SQLITE_IOERR') ||
    code.startsWith('SQLITE_READONLY') ||
    code === 'SQLITE_PERM' ||
    code === 'SQLITE_FULL' ||
    code === 'SQLITE_AUTH'
  ) {
    return new MirrorError(
      'STORAGE_UNAVAILABLE',
      `The database ${fileName} cannot be used (${code}).`,
      {
        file: fileName,
      },
    )
  }
  return error
}
