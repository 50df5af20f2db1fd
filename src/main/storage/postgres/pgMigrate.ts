import { MirrorError } from '../../../shared/errors'
import { PG_LATEST_VERSION, PG_MIGRATIONS } from './migrations'
import type { PgMigration } from './migrations'
import { first, quoteIdent } from './pgPool'
import type { PgPool, Queryable } from './pgPool'

/**
 * Brings the schema up to `target` (default: the latest), each migration in its own
 * transaction with its row in `schema_migrations`. A transaction-level advisory lock makes
 * several apps starting together on one database migrate one after the other: the second finds
 * the work done. A database newer than this app is refused (it would misread it).
 */
export async function migratePostgres(
  db: PgPool,
  target: number = PG_LATEST_VERSION,
  migrations: readonly PgMigration[] = PG_MIGRATIONS,
): Promise<number> {
  const lock = async (tx: Queryable): Promise<void> => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`amos-migrate ${db.schema}`])
  }
  await db.write(async (tx) => {
    await lock(tx)
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(db.schema)}`)
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`)
  })
  let version = 0
  for (;;) {
    const done = await db.write(async (tx) => {
      await lock(tx)
      const row = await first<{ v: number | null }>(
        tx,
        'SELECT max(version) AS v FROM schema_migrations',
      )
      version = row?.v ?? 0
      if (version > migrations.length) {
        throw new MirrorError(
          'STORAGE_CORRUPT',
          `The database at ${db.where} was written by a newer ActiveMirror (schema ${version}); this one knows ${migrations.length}. It was left untouched.`,
          { server: db.where, version },
        )
      }
      const next = migrations[version]
      if (version >= target || !next) return true
      await next.up(tx)
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        next.version,
        next.name,
      ])
      version = next.version
      return false
    })
    if (done) return version
  }
}
