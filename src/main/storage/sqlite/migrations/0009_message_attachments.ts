import type { Database } from '../../../sqlite/driver'

export const version = 9
export const name = 'message attachments'

/**
 * `messages.attachments`: the message's attachment references as a JSON array (NULL: none); the
 * bytes are files beside the database, never in it (docs/attachments.md). `attachment_refs`
 * indexes which messages refer to which attachment, kept in step by triggers, so removing
 * unreferenced bytes asks an index instead of reading every message.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE messages ADD COLUMN attachments TEXT;
    CREATE TABLE attachment_refs (
      attachment_id TEXT NOT NULL,
      message_id TEXT NOT NULL,
      PRIMARY KEY (attachment_id, message_id)
    ) WITHOUT ROWID;
    CREATE TRIGGER attachment_refs_after_insert AFTER INSERT ON messages
      WHEN new.attachments IS NOT NULL BEGIN
      INSERT OR IGNORE INTO attachment_refs (attachment_id, message_id)
        SELECT json_extract(value, '$.id'), new.id FROM json_each(new.attachments);
    END;
    CREATE TRIGGER attachment_refs_after_delete AFTER DELETE ON messages
      WHEN old.attachments IS NOT NULL BEGIN
      DELETE FROM attachment_refs WHERE message_id = old.id;
    END;
    CREATE TRIGGER attachment_refs_after_update AFTER UPDATE OF attachments ON messages BEGIN
      DELETE FROM attachment_refs WHERE message_id = old.id;
      INSERT OR IGNORE INTO attachment_refs (attachment_id, message_id)
        SELECT json_extract(value, '$.id'), new.id FROM json_each(coalesce(new.attachments, '[]'));
    END;
  `)
}
