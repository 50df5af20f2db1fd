import pg from 'pg'
import type { ConnectionTest } from '../../shared/routeGroups/storage'
import { MirrorError } from '../../shared/errors'
import { redactedUrl, sqlState, toStorageError } from '../storage/postgres/pgErrors'
import { parseDatabaseUrl } from './databaseUrl'

/** Long enough for a server across a network, short enough that Settings never seems stuck. */
export const CONNECTION_TEST_TIMEOUT_MS = 5_000

/** Server answers that mean "this server, but not with these credentials or this database". */
function refusedBy(error: unknown, where: string): MirrorError | null {
  const state = sqlState(error)
  if (state === '28P01' || state === '28000') {
    return new MirrorError(
      'STORAGE_UNAVAILABLE',
      `The PostgreSQL server at ${where} refused the user name or password.`,
      { server: where },
    )
  }
  if (state === '3D000') {
    return new MirrorError(
      'STORAGE_UNAVAILABLE',
      `The PostgreSQL server at ${where} has no such database; create it first.`,
      { server: where },
    )
  }
  return null
}

/**
 * Opens a one-connection pool to `url`, runs one trivial query, closes it. Every failure is a
 * typed error whose text names the server but never the password.
 */
export async function testDatabaseConnection(
  url: string,
  timeoutMs = CONNECTION_TEST_TIMEOUT_MS,
): Promise<ConnectionTest> {
  parseDatabaseUrl(url)
  const where = redactedUrl(url)
  const pool = new pg.Pool({
    connectionString: url,
    max: 1,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
  })
  pool.on('error', () => {})
  try {
    const { rows } = await pool.query<{ version: string }>('SELECT version() AS version')
    return { server: where, serverVersion: rows[0]?.version ?? '' }
  } catch (error) {
    const typed = refusedBy(error, where) ?? toStorageError(error, where)
    if (typed instanceof MirrorError) throw typed
    throw new MirrorError(
      'STORAGE_UNAVAILABLE',
      `The PostgreSQL server at ${where} did not answer the test query.`,
      { server: where },
    )
  } finally {
    await pool.end().catch(() => {})
  }
}
