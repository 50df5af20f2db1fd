import type { Database } from '../../../sqlite/driver'

export const version = 2
export const name = 'create messages'

export function up(db: Database): void {
  // `seq` orders messages (append order) and is the FTS rowid; `id` is the public key.
  db.exec(`
    CREATE TABLE messages (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      role TEXT NOT NULL CHECK (role IN ('user', 'assistant', 'system')),
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
    CREATE INDEX messages_by_session ON messages (session_id, seq);
  `)
}
