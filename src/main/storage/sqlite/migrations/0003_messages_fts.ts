import type { Database } from '../../../sqlite/driver'

export const version = 3
export const name = 'messages full-text index'

export function up(db: Database): void {
  // External-content FTS5 over messages.content. Sensitive messages are never indexed: every
  // trigger checks the flag, and the initial fill skips them (so never run 'rebuild', which would
  // index every row of the content table).
  db.exec(`
    CREATE VIRTUAL TABLE messages_fts USING fts5 (
      content,
      content = 'messages',
      content_rowid = 'seq',
      tokenize = 'unicode61 remove_diacritics 2'
    );

    INSERT INTO messages_fts (rowid, content)
      SELECT seq, content FROM messages WHERE sensitive = 0;

    CREATE TRIGGER messages_fts_after_insert AFTER INSERT ON messages
    WHEN new.sensitive = 0
    BEGIN
      INSERT INTO messages_fts (rowid, content) VALUES (new.seq, new.content);
    END;

    CREATE TRIGGER messages_fts_after_delete AFTER DELETE ON messages
    WHEN old.sensitive = 0
    BEGIN
      INSERT INTO messages_fts (messages_fts, rowid, content) VALUES ('delete', old.seq, old.content);
    END;

    -- One trigger, two ordered steps: remove what was indexed, then index what is now visible.
    CREATE TRIGGER messages_fts_after_update AFTER UPDATE OF content, sensitive ON messages
    BEGIN
      INSERT INTO messages_fts (messages_fts, rowid, content)
        SELECT 'delete', old.seq, old.content WHERE old.sensitive = 0;
      INSERT INTO messages_fts (rowid, content)
        SELECT new.seq, new.content WHERE new.sensitive = 0;
    END;
  `)
}
