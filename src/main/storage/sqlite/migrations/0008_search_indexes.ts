import type { Database } from '../../../sqlite/driver'
import { normalizeToken } from '../../textSearch'

export const version = 8
export const name = 'search indexes: folded titles, title trigrams, prefix index'

/**
 * Two things that keep search cost from growing with the store (docs/storage.md "Full-text
 * search"):
 *
 * - `sessions.title_folded`: the title folded as normalizeToken folds it, written with every
 *   title, so the title search compares stored text instead of calling a JavaScript function on
 *   every row. A writer that changes `title` without it (an older tool, a hand edit) gets NULL
 *   there from a trigger, and the query folds those rows on the fly: never a stale match.
 * - `session_titles`: a trigram FTS5 index over the folded titles, so a title substring of 3 or
 *   more characters is looked up, not scanned for. Its content table `session_title_keys` gives
 *   each folded title an INTEGER PRIMARY KEY (sessions' own rowid may change on VACUUM); triggers
 *   on sessions keep both in step with `title_folded`.
 * - `messages_fts` again, with prefix indexes for 1, 2 and 3 characters: `mir*` then reads one
 *   stored list instead of merging the lists of every word that starts with "mir". The new
 *   index is filled from the non-sensitive messages only, like 0003's.
 */
export function up(db: Database): void {
  db.exec('ALTER TABLE sessions ADD COLUMN title_folded TEXT')
  const titles = db.prepare('SELECT id, title FROM sessions').all() as Array<{
    id: string
    title: string
  }>
  const setFolded = db.prepare('UPDATE sessions SET title_folded = ? WHERE id = ?')
  for (const row of titles) setFolded.run(normalizeToken(row.title), row.id)
  db.exec(`
    CREATE TRIGGER sessions_title_folded_stale AFTER UPDATE OF title ON sessions
    WHEN new.title IS NOT old.title AND new.title_folded IS old.title_folded
    BEGIN
      UPDATE sessions SET title_folded = NULL WHERE id = new.id;
    END;

    CREATE TABLE session_title_keys (
      key INTEGER PRIMARY KEY,
      session_id TEXT NOT NULL UNIQUE,
      folded TEXT NOT NULL
    );
    CREATE VIRTUAL TABLE session_titles USING fts5 (
      folded,
      content = 'session_title_keys',
      content_rowid = 'key',
      tokenize = 'trigram'
    );
    INSERT INTO session_title_keys (session_id, folded)
      SELECT id, title_folded FROM sessions WHERE title_folded IS NOT NULL;
    INSERT INTO session_titles (session_titles) VALUES ('rebuild');
    -- The few rows folded on the fly are found through this, not by a scan.
    CREATE INDEX sessions_unfolded ON sessions (id) WHERE title_folded IS NULL;

    CREATE TRIGGER session_title_keys_after_insert AFTER INSERT ON session_title_keys BEGIN
      INSERT INTO session_titles (rowid, folded) VALUES (new.key, new.folded);
    END;
    CREATE TRIGGER session_title_keys_after_delete AFTER DELETE ON session_title_keys BEGIN
      INSERT INTO session_titles (session_titles, rowid, folded) VALUES ('delete', old.key, old.folded);
    END;
    CREATE TRIGGER session_titles_after_session_insert AFTER INSERT ON sessions
    WHEN new.title_folded IS NOT NULL
    BEGIN
      INSERT INTO session_title_keys (session_id, folded) VALUES (new.id, new.title_folded);
    END;
    CREATE TRIGGER session_titles_after_fold_update AFTER UPDATE OF title_folded ON sessions
    WHEN new.title_folded IS NOT old.title_folded
    BEGIN
      DELETE FROM session_title_keys WHERE session_id = old.id;
      INSERT INTO session_title_keys (session_id, folded)
        SELECT new.id, new.title_folded WHERE new.title_folded IS NOT NULL;
    END;
    CREATE TRIGGER session_titles_after_session_delete AFTER DELETE ON sessions BEGIN
      DELETE FROM session_title_keys WHERE session_id = old.id;
    END;

    DROP TABLE messages_fts;
    CREATE VIRTUAL TABLE messages_fts USING fts5 (
      content,
      content = 'messages',
      content_rowid = 'seq',
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '1 2 3'
    );
    INSERT INTO messages_fts (rowid, content)
      SELECT seq, content FROM messages WHERE sensitive = 0;
  `)
}
