import type { Database } from '../../../sqlite/driver'

/** user_version of vectors.db; a file with another version is rebuilt (vectors are derived). */
export const VECTOR_SCHEMA_VERSION = 1

/**
 * The plain tables: the space (model + dimension), one row per embedded message (its rowid keys
 * the vec0 table), and per session the `updatedAt` it was last indexed through (resuming).
 */
export function createVectorTables(db: Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS vector_space (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      model_key TEXT NOT NULL,
      dimension INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS vector_messages (
      rowid INTEGER PRIMARY KEY,
      message_id TEXT NOT NULL UNIQUE,
      session_id TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS vector_messages_session ON vector_messages (session_id);
    CREATE TABLE IF NOT EXISTS vector_sessions (
      session_id TEXT PRIMARY KEY,
      indexed_through TEXT NOT NULL
    );
  `)
  db.pragma(`user_version = ${VECTOR_SCHEMA_VERSION}`)
}

/** The vec0 table for one dimension: cosine distance, keyed by vector_messages.rowid. */
export function createVecTable(db: Database, dimension: number): void {
  if (!Number.isInteger(dimension) || dimension < 1 || dimension > 8192) {
    throw new RangeError(`Unsupported embedding dimension ${dimension}`)
  }
  db.exec('DROP TABLE IF EXISTS message_vectors')
  db.exec(
    `CREATE VIRTUAL TABLE message_vectors USING vec0(embedding float[${dimension}] distance_metric=cosine)`,
  )
}
