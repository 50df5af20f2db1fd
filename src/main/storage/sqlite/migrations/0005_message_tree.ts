import type { Database } from '../../../sqlite/driver'

export const version = 5
export const name = 'message tree'

/**
 * Messages become a tree (docs/storage.md "Message tree"):
 * - `parent_id`: the message this one follows (NULL for a first message);
 * - `active_child_id`: the child used last (NULL for a message without children); on the
 *   current path it is the next message of the path;
 * - `on_path`: 1 for the messages of the session's current path, so paging the path, checking
 *   a cursor and marking search hits never walk the whole session;
 * - `sessions.current_leaf_id`: where the current path ends.
 * Every existing session becomes a chain in its existing order (seq). Columns are added, so
 * `seq` (the FTS rowid) and the full-text index stay as they are; the FTS triggers fire on
 * content and sensitive only, so the fill does not touch the index.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE messages ADD COLUMN parent_id TEXT REFERENCES messages (id);
    ALTER TABLE messages ADD COLUMN active_child_id TEXT;
    ALTER TABLE messages ADD COLUMN on_path INTEGER NOT NULL DEFAULT 0 CHECK (on_path IN (0, 1));
    ALTER TABLE sessions ADD COLUMN current_leaf_id TEXT;

    WITH chain AS (
      SELECT seq,
        lag(id) OVER (PARTITION BY session_id ORDER BY seq) AS parent,
        lead(id) OVER (PARTITION BY session_id ORDER BY seq) AS child
      FROM messages
    )
    UPDATE messages SET parent_id = chain.parent, active_child_id = chain.child, on_path = 1
      FROM chain WHERE chain.seq = messages.seq;

    UPDATE sessions SET current_leaf_id =
      (SELECT id FROM messages WHERE session_id = sessions.id ORDER BY seq DESC LIMIT 1);

    -- Children of a message, oldest first (versions; the foreign key's delete check uses it too).
    CREATE INDEX messages_by_parent ON messages (parent_id, seq);
    -- First messages of a session (versions of the first position).
    CREATE INDEX messages_roots ON messages (session_id, seq) WHERE parent_id IS NULL;
  `)
}
