import crypto from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, inject } from 'vitest'

/** The run's PostgreSQL server (test/helpers/postgresSetup.ts), '' when there is none. */
export const POSTGRES_URL = inject('postgresUrl')

/**
 * `describe` for tests that need the PostgreSQL server. Without one (only off CI: the global
 * setup fails the run in CI) they are skipped, and the file says so loudly.
 */
export function describePostgres(name: string, body: () => void): void {
  if (!POSTGRES_URL) {
    console.warn(`\x1b[1;33m!!! SKIPPED (no PostgreSQL server): ${name}\x1b[0m`)
  }
  describe.skipIf(!POSTGRES_URL)(name, body)
}

/** `url` with another database name. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${crypto.randomBytes(6).toString('hex')}`
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_URL })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/**
 * A fresh database for this test file, created in beforeAll and dropped in afterAll. Returns a
 * getter for its URL (valid inside tests and hooks).
 */
export function useTestDatabase(): () => string {
  let url = ''
  let name = ''
  beforeAll(async () => {
    if (!POSTGRES_URL) return
    name = uniqueName('amos_test')
    await admin((c) => c.query(`CREATE DATABASE ${name}`))
    url = withDatabase(POSTGRES_URL, name)
  })
  afterAll(async () => {
    if (!name) return
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
  })
  return () => url
}
