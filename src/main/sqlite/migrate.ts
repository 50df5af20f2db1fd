import type { Database } from './driver'
import { MirrorError } from '../../shared/errors'
import type { Migration } from './migration'

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number
}

/** Refuses a database written by a newer ActiveMirror before anything touches it. */
export function assertNotNewer(
  db: Database,
  fileName: string,
  migrations: readonly Migration[],
): void {
  const found = schemaVersion(db)
  const known = migrations.length
  if (found > known) {
    throw new MirrorError(
      'STORAGE_UNAVAILABLE',
      `The database ${fileName} was written by a newer ActiveMirror (schema ${found}, this version knows ${known}); update ActiveMirror to open it.`,
      { file: fileName, schemaVersion: found, supportedVersion: known },
    )
  }
}

export interface MigrateOptions {
  /** Stop after this version (tests build a database at version N-1). Default: the latest. */
  to?: number
  fileName?: string
}

/**
 * Brings the schema up to date, one migration per IMMEDIATE transaction. The version is re-read
 * inside each transaction, so two processes opening an old file at once migrate it only once.
 * Returns the version reached.
 */
export function runMigrations(
  db: Database,
  migrations: readonly Migration[],
  options: MigrateOptions = {},
): number {
  const fileName = options.fileName ?? db.name
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`Migration ${m.name} has version ${m.version}, expected ${i + 1}`)
  })
  const target = options.to ?? migrations.length
  assertNotNewer(db, fileName, migrations)

  const step = db.transaction((migration: Migration): void => {
    if (schemaVersion(db) >= migration.version) return
    migration.up(db)
    // PRAGMA takes no bound parameters; the version is an integer we own.
    db.pragma(`user_version = ${migration.version}`)
  })

  for (const migration of migrations) {
    if (migration.version > target) break
    if (schemaVersion(db) >= migration.version) continue
    step.immediate(migration)
  }
  return schemaVersion(db)
}
