import pg from 'pg'
import type { PoolClient, QueryResultRow } from 'pg'
import { isRetryable, redactedUrl, toStorageError } from './pgErrors'

/** Something to run a query on: the pool (one statement) or a transaction's client. */
export interface Queryable {
  query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<{ rows: R[] }>
  query<R extends QueryResultRow>(config: {
    name: string
    text: string
    values?: unknown[]
  }): Promise<{ rows: R[] }>
}

/**
 * A named statement: each connection prepares it once and reuses the plan, which saves the
 * planning of a recursive walk or the append statement (about a millisecond) on every call.
 * Only for statements whose best plan does not depend on the values (never a text search).
 */
export async function prepared<R extends QueryResultRow>(
  db: Queryable,
  name: string,
  text: string,
  values: unknown[],
): Promise<R[]> {
  return (await db.query<R>({ name, text, values })).rows
}

export async function rows<R extends QueryResultRow>(
  db: Queryable,
  text: string,
  values: unknown[] = [],
): Promise<R[]> {
  return (await db.query<R>(text, values)).rows
}

export async function first<R extends QueryResultRow>(
  db: Queryable,
  text: string,
  values: unknown[] = [],
): Promise<R | undefined> {
  return (await db.query<R>(text, values)).rows[0]
}

export interface PgConnectionOptions {
  /** `postgres://user:password@host:port/database`. */
  url: string
  /** Tables live in this schema (created when missing); default `public`. */
  schema?: string
  /** Connections in the pool (default 10). */
  maxConnections?: number
}

const RETRIES = 5

/** Quotes an identifier for SQL (schema names come from options, never from users' text). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

/**
 * A connection pool with the two ways the backend talks to the server: one statement
 * (`read`), or a transaction (`write`) that is run again from the start when the server
 * aborted it for a deadlock or serialization conflict. Failures come out as typed errors.
 */
export class PgPool {
  readonly pool: pg.Pool
  readonly where: string
  readonly schema: string
  /**
   * Server processes of this pool's connections: the notices their commits send are this
   * process's own writes, which the change feed leaves out (another process's are the news).
   */
  readonly ownBackends = new Set<number>()

  constructor(options: PgConnectionOptions) {
    this.schema = options.schema ?? 'public'
    this.where = redactedUrl(options.url)
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      // A commit is acknowledged only once its WAL is flushed, whatever the server's default:
      // with synchronous_commit off, a server crash loses commits the app already reported.
      options: `-c search_path=${quoteIdent(this.schema)} -c synchronous_commit=on`,
    })
    // A connection the server dropped (restart, network): the pool discards it and the next
    // query opens a new one; a query that was running fails (toStorageError). pg also emits the
    // drop as an 'error' event, idle or checked out, which would end the process unheard.
    this.pool.on('error', () => {})
    this.pool.on('connect', (client) => {
      client.on('error', () => {})
      // The backend's pid came with the connection (BackendKeyData): asking the server for it
      // here would race the pool's first query on this client.
      const pid = (client as unknown as { processID: number | null }).processID
      if (pid === null || pid === undefined) return
      this.ownBackends.add(pid)
      client.once('end', () => this.ownBackends.delete(pid))
    })
  }

  async read<T>(fn: (db: Queryable) => Promise<T>): Promise<T> {
    try {
      return await fn(this.pool)
    } catch (error) {
      throw toStorageError(error, this.where)
    }
  }

  /** Runs `fn` in one transaction (READ COMMITTED; the writers take row locks they need). */
  async write<T>(fn: (tx: PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let client: PoolClient
      try {
        client = await this.pool.connect()
      } catch (error) {
        throw toStorageError(error, this.where)
      }
      let broken: Error | undefined
      try {
        await client.query('BEGIN')
        const result = await fn(client)
        await client.query('COMMIT')
        return result
      } catch (error) {
        try {
          await client.query('ROLLBACK')
        } catch (rollbackError) {
          broken = rollbackError as Error
        }
        if (attempt < RETRIES && isRetryable(error)) continue
        throw toStorageError(error, this.where)
      } finally {
        client.release(broken)
      }
    }
  }

  async close(): Promise<void> {
    await this.pool.end()
  }
}
