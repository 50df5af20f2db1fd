import type { Database } from '../../../sqlite/driver'

export const version = 7
export const name = 'folders and pins'

/** What a folder change writes to the session change log: no session, "read folders again". */
export const FOLDERS_CHANGED = ''

/**
 * Folders, and two session columns: `pinned` (pinned sessions list first) and `folder_id`.
 * `name_key` is the folded name (folderNameKey), UNIQUE so that two processes cannot both
 * create "Work" and "work". Deleting a folder sets its sessions' `folder_id` to NULL (the
 * sessions' update trigger logs each of them). Folder rows log FOLDERS_CHANGED in the change
 * log of 0006, so open windows re-read the folders another process changed.
 *
 * The list indexes gain `pinned` after `archived`, since pages are now ordered by
 * (pinned DESC, updated_at DESC, id DESC); the folder index serves one folder's page.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE folders (
      id TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL,
      name_key TEXT NOT NULL UNIQUE,
      created_at TEXT NOT NULL
    );
    ALTER TABLE sessions ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1));
    ALTER TABLE sessions ADD COLUMN folder_id TEXT REFERENCES folders (id) ON DELETE SET NULL;
    DROP INDEX sessions_by_archived_updated;
    DROP INDEX sessions_by_updated;
    CREATE INDEX sessions_by_archived_pinned_updated ON sessions (archived, pinned, updated_at, id);
    CREATE INDEX sessions_by_pinned_updated ON sessions (pinned, updated_at, id);
    CREATE INDEX sessions_by_folder ON sessions (folder_id, pinned, updated_at, id);
    CREATE TRIGGER session_changes_after_folder_insert AFTER INSERT ON folders BEGIN
      INSERT INTO session_changes (session_id) VALUES ('${FOLDERS_CHANGED}');
    END;
    CREATE TRIGGER session_changes_after_folder_update AFTER UPDATE ON folders BEGIN
      INSERT INTO session_changes (session_id) VALUES ('${FOLDERS_CHANGED}');
    END;
    CREATE TRIGGER session_changes_after_folder_delete AFTER DELETE ON folders BEGIN
      INSERT INTO session_changes (session_id) VALUES ('${FOLDERS_CHANGED}');
    END;
  `)
}
