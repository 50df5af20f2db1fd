import type { Database } from '../../../sqlite/driver'

export const version = 4
export const name = 'tool and function message roles'

/**
 * Widens the role CHECK of `messages` (SQLite cannot alter a CHECK, so the table is rebuilt).
 * Every column is copied, `seq` included: it is the FTS rowid, so the index stays valid without
 * being rebuilt. Dropping the table drops its index and triggers; they are read from the schema
 * first and recreated from the same SQL, so they stay exactly as 0002 and 0003 made them.
 * Nothing references `messages`, so the drop cascades nowhere.
 */
export function up(db: Database): void {
  const dependents = db
    .prepare(
      `SELECT sql FROM sqlite_schema
       WHERE tbl_name = 'messages' AND type IN ('index', 'trigger') AND sql IS NOT NULL
       ORDER BY type, name`,
    )
    .pluck()
    .all() as string[]
  db.exec(`
    CREATE TABLE messages_new (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      role TEXT NOT NULL CHECK (role IN ('user', 'assistant', 'system', 'tool', 'function')),
      content TEXT NOT NULL,
      created_at TEXT NOT NULL,
      pattern TEXT,
      uncertainty TEXT,
      sensitive INTEGER NOT NULL DEFAULT 0 CHECK (sensitive IN (0, 1)),
      status TEXT NOT NULL DEFAULT 'complete' CHECK (status IN ('complete', 'stopped', 'failed')),
      provider TEXT,
      model TEXT,
      metadata TEXT NOT NULL DEFAULT '{}'
    );
    INSERT INTO messages_new (seq, id, session_id, role, content, created_at, pattern,
        uncertainty, sensitive, status, provider, model, metadata)
      SELECT seq, id, session_id, role, content, created_at, pattern,
        uncertainty, sensitive, status, provider, model, metadata
      FROM messages;
    DROP TABLE messages;
    ALTER TABLE messages_new RENAME TO messages;
  `)
  for (const sql of dependents) db.exec(sql)
}
