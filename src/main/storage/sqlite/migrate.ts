import type { Database } from '../../sqlite/driver'
import type { Migration } from '../../sqlite/migration'
import {
  assertNotNewer as assertNotNewerThan,
  runMigrations,
  schemaVersion,
} from '../../sqlite/migrate'
import type { MigrateOptions as RunOptions } from '../../sqlite/migrate'
import { MIGRATIONS } from './migrations'

export { schemaVersion }

/** Refuses an app database written by a newer ActiveMirror before anything touches it. */
export function assertNotNewer(
  db: Database,
  fileName: string,
  migrations: readonly Migration[] = MIGRATIONS,
): void {
  assertNotNewerThan(db, fileName, migrations)
}

export interface MigrateOptions extends RunOptions {
  /** Default: the app database's own migrations. */
  migrations?: readonly Migration[]
}

/** Brings the app database's schema up to date (src/main/sqlite/migrate.ts runs the steps). */
export function migrate(db: Database, options: MigrateOptions = {}): number {
  return runMigrations(db, options.migrations ?? MIGRATIONS, options)
}
