import type { Database } from '../../../sqlite/driver'

export const version = 10
export const name = 'change log: a message insert logs its session once per run'

/**
 * 0006 logged a message insert in `session_changes` once per message, so an import of 100 000
 * messages wrote 100 000 rows naming the same few thousand sessions (and trimmed the log 400
 * times). Now a message insert adds a row only when the newest row does not already name its
 * session. Readers lose nothing: they only collect the set of session ids after the last row
 * they saw, and every write that inserts messages also writes its session's row (created, or its
 * count, leaf and time updated), which logs the session in that same transaction.
 */
export function up(db: Database): void {
  db.exec(`
    DROP TRIGGER session_changes_after_message_insert;
    CREATE TRIGGER session_changes_after_message_insert AFTER INSERT ON messages
    WHEN (SELECT session_id FROM session_changes ORDER BY seq DESC LIMIT 1)
      IS NOT NEW.session_id
    BEGIN
      INSERT INTO session_changes (session_id) VALUES (NEW.session_id);
    END;
  `)
}
