import type { Database } from '../../../sqlite/driver'

export const version = 1
export const name = 'create sessions'

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE sessions (
      id TEXT PRIMARY KEY NOT NULL,
      title TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      message_count INTEGER NOT NULL DEFAULT 0 CHECK (message_count >= 0),
      archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
      metadata TEXT NOT NULL DEFAULT '{}'
    );
    -- Session lists page newest first by (updated_at, id), filtered by archived.
    CREATE INDEX sessions_by_archived_updated ON sessions (archived, updated_at, id);
    CREATE INDEX sessions_by_updated ON sessions (updated_at, id);
  `)
}
