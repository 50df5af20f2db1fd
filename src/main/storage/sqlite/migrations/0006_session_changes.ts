import type { Database } from '../../../sqlite/driver'

export const version = 6
export const name = 'session change log'

/**
 * A short log of which sessions changed, written by triggers so that every writer (this app,
 * another process, the CLI, an older or newer ActiveMirror with the same schema) records its
 * changes without knowing about it. An open app reads only the rows after the last one it saw,
 * and only when `PRAGMA data_version` says another connection committed (docs/storage.md
 * "Other processes"), so noticing a change never scans sessions or messages.
 *
 * Messages deleted with their session (the cascade) are not logged one by one: the session's
 * own row says it is gone. The log keeps about the last 1 024 rows (trimmed every 256 inserts,
 * a range delete on the primary key); a reader that fell further behind refreshes everything.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE session_changes (
      seq INTEGER PRIMARY KEY,
      session_id TEXT NOT NULL
    );
    CREATE TRIGGER session_changes_after_session_insert AFTER INSERT ON sessions BEGIN
      INSERT INTO session_changes (session_id) VALUES (NEW.id);
    END;
    CREATE TRIGGER session_changes_after_session_update AFTER UPDATE ON sessions BEGIN
      INSERT INTO session_changes (session_id) VALUES (NEW.id);
    END;
    CREATE TRIGGER session_changes_after_session_delete AFTER DELETE ON sessions BEGIN
      INSERT INTO session_changes (session_id) VALUES (OLD.id);
    END;
    CREATE TRIGGER session_changes_after_message_insert AFTER INSERT ON messages BEGIN
      INSERT INTO session_changes (session_id) VALUES (NEW.session_id);
    END;
    CREATE TRIGGER session_changes_after_message_update AFTER UPDATE ON messages BEGIN
      INSERT INTO session_changes (session_id) VALUES (NEW.session_id);
    END;
    CREATE TRIGGER session_changes_after_message_delete AFTER DELETE ON messages
    WHEN EXISTS (SELECT 1 FROM sessions WHERE id = OLD.session_id) BEGIN
      INSERT INTO session_changes (session_id) VALUES (OLD.session_id);
    END;
    CREATE TRIGGER session_changes_trim AFTER INSERT ON session_changes
    WHEN NEW.seq % 256 = 0 BEGIN
      DELETE FROM session_changes WHERE seq <= NEW.seq - 1024;
    END;
  `)
}
