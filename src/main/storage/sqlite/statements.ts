import type { Database, Statement } from '../../sqlite/driver'

const caches = new WeakMap<Database, Map<string, Statement<unknown[], unknown>>>()

/**
 * Prepares each SQL text once per connection. Query modules stay plain functions taking the db
 * as their first argument, yet hot paths (append) never re-prepare.
 */
export function prepared<Row = unknown>(db: Database, sql: string): Statement<unknown[], Row> {
  let cache = caches.get(db)
  if (!cache) {
    cache = new Map()
    caches.set(db, cache)
  }
  let statement = cache.get(sql)
  if (!statement) {
    statement = db.prepare<unknown[], unknown>(sql)
    cache.set(sql, statement)
  }
  return statement as Statement<unknown[], Row>
}
