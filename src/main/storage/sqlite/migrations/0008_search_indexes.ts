import type { Database } from 'better-sqlite3'
import { normalizeToken } from '../../textSearch'

export const version = 8
export const name = 'search indexes: folded titles, prefix index'

/**
 * Two things that keep search cost from growing with the store (docs/storage.md "Full-text
 * search"):
 *
 * - `sessions.title_folded`: the title folded as normalizeToken folds it, written with every
 *   title, so the title search compares stored text instead of calling a JavaScript function on
 *   every row. A writer that changes `title` without it (an older tool, a hand edit) gets NULL
 *   there from a trigger, and the query folds those rows on the fly: never a stale match.
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
